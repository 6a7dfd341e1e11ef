namespace MlmNetwork.Domain;

/// <summary>That a distributor accepted a version of the terms, and when. Never changed; a new version needs a new acceptance.</summary>
public sealed class TermsAcceptance
{
    private TermsAcceptance()
    {
    }

    public long Id { get; private set; }

    public long DistributorId { get; private set; }

    public int Version { get; private set; }

    public DateTime AcceptedAt { get; private set; }

    /// <summary>
    /// Records that <paramref name="distributorId"/> accepted the version they were shown,
    /// <paramref name="shownVersion"/>. Only the version in force can be accepted: when a newer
    /// one was published while they were reading, they are asked to read that one.
    /// </summary>
    public static TermsAcceptance Accept(long distributorId, TermsVersion inForce, int? shownVersion, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(inForce);
        if (shownVersion is null)
        {
            throw DomainRuleException.Invalid($"Accept the terms and policies to go on.", "acceptTerms");
        }

        if (shownVersion != inForce.Version)
        {
            throw DomainRuleException.Conflict($"The terms changed while you were reading: version {inForce.Version} is now in force. Read it and accept it to go on.", "acceptTerms");
        }

        return new TermsAcceptance { DistributorId = distributorId, Version = inForce.Version, AcceptedAt = now };
    }
}
