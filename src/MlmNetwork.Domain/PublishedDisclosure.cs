namespace MlmNetwork.Domain;

/// <summary>
/// The income disclosure the company has published: a snapshot of its figures as generated, so
/// the public page does not change under the reader's eyes. There is at most one; publishing
/// again replaces it.
/// </summary>
public sealed class PublishedDisclosure
{
    /// <summary>The one row's id.</summary>
    public const int CurrentId = 1;

    public const int PublishedByMaxLength = 256;

    private PublishedDisclosure()
    {
        Figures = string.Empty;
        PublishedBy = string.Empty;
    }

    public int Id { get; private set; }

    public int FromKey { get; private set; }

    public int ToKey { get; private set; }

    /// <summary>The figures as generated (a serialized <see cref="IncomeDisclosure"/>).</summary>
    public string Figures { get; private set; }

    public DateTime GeneratedAt { get; private set; }

    public DateTime PublishedAt { get; private set; }

    public string PublishedBy { get; private set; }

    public Period From => Period.FromKey(FromKey);

    public Period To => Period.FromKey(ToKey);

    public static PublishedDisclosure Publish(IncomeDisclosure disclosure, string figures, DateTime now, string actor)
    {
        var published = new PublishedDisclosure { Id = CurrentId };
        published.Replace(disclosure, figures, now, actor);
        return published;
    }

    /// <summary>Puts a newly generated disclosure in the place of this one.</summary>
    public void Replace(IncomeDisclosure disclosure, string figures, DateTime now, string actor)
    {
        ArgumentNullException.ThrowIfNull(disclosure);
        ArgumentException.ThrowIfNullOrEmpty(figures);
        FromKey = disclosure.From.Key;
        ToKey = disclosure.To.Key;
        Figures = figures;
        GeneratedAt = disclosure.GeneratedAt;
        PublishedAt = now;
        PublishedBy = actor.Length > PublishedByMaxLength ? actor[..PublishedByMaxLength] : actor;
    }
}
