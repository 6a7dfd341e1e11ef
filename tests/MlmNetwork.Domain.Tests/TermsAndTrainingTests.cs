namespace MlmNetwork.Domain.Tests;

public class TermsAndTrainingTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Each_publication_is_the_next_version_and_never_changes_an_old_one()
    {
        var first = TermsVersion.Publish(null, null, "  # Terms\r\nBe honest.  ", null, null, Now, "admin");
        var second = TermsVersion.Publish(first, 1, "# Terms\nBe honest and kind.", null, "kindness", Now.AddDays(1), "admin");

        Assert.Equal((1, "# Terms\nBe honest.", null), (first.Version, first.Body, first.ChangeNote));
        Assert.Equal((2, "kindness"), (second.Version, second.ChangeNote));
    }

    [Theory]
    [InlineData("", "The terms need a text.")]
    [InlineData("   ", "The terms need a text.")]
    [InlineData("# Terms\nBe honest.", "The text is the same as version {0}: there is nothing new to publish.")]
    public void A_version_without_a_new_text_is_refused(string body, string template)
    {
        var first = TermsVersion.Publish(null, null, "# Terms\nBe honest.", null, null, Now, "admin");

        var refused = Assert.Throws<DomainRuleException>(() => TermsVersion.Publish(first, 1, body, null, null, Now, "admin"));

        Assert.Equal(template, refused.Template);
    }

    [Theory]
    [InlineData(null, "Version {0} was published since you opened this page. Read it below, then publish yours again if it is still needed.")]
    [InlineData(1, "Version {0} was published since you opened this page. Read it below, then publish yours again if it is still needed.")]
    [InlineData(3, "Version {0} was published since you opened this page. Read it below, then publish yours again if it is still needed.")]
    [InlineData(2, null)]
    public void A_version_is_published_only_on_top_of_the_latest_one_the_admin_saw(int? basedOn, string? refusal)
    {
        var first = TermsVersion.Publish(null, null, "one", null, null, Now, "alice");
        var second = TermsVersion.Publish(first, 1, "two", null, null, Now, "bob");

        var outcome = Record.Exception(() => TermsVersion.Publish(second, basedOn, "three", null, null, Now, "alice"));

        Assert.Equal(refusal, (outcome as DomainRuleException)?.Template);
        Assert.Equal(refusal is null ? null : "basedOn", (outcome as DomainRuleException)?.Field);
    }

    [Theory]
    [InlineData("Условия", "ru", "Условия", "ru")]
    [InlineData(null, "ru", "Terms", "en")]
    [InlineData("   ", "ru", "Terms", "en")]
    [InlineData("Условия", "en", "Terms", "en")]
    [InlineData("Условия", "de", "Terms", "en")]
    public void A_russian_reader_reads_the_russian_text_when_there_is_one_and_the_english_otherwise(string? russian, string reader, string shown, string language)
    {
        var terms = TermsVersion.Publish(null, null, "Terms", russian, null, Now, "admin");

        Assert.Equal((shown, language), terms.TextFor(reader));
    }

    [Fact]
    public void Adding_only_a_russian_text_is_a_new_version_and_the_same_two_texts_are_refused()
    {
        var first = TermsVersion.Publish(null, null, "Terms", null, null, Now, "admin");

        var translated = TermsVersion.Publish(first, 1, "Terms", "Условия", "Russian added", Now, "admin");
        var same = Assert.Throws<DomainRuleException>(() => TermsVersion.Publish(translated, 2, "Terms", "Условия\r\n", null, Now, "admin"));

        Assert.Equal((2, "Условия"), (translated.Version, translated.RussianBody));
        Assert.Equal("The text is the same as version {0}: there is nothing new to publish.", same.Template);
    }

    [Fact]
    public void Only_the_version_in_force_can_be_accepted_and_only_when_ticked()
    {
        var first = TermsVersion.Publish(null, null, "one", null, null, Now, "admin");
        var second = TermsVersion.Publish(first, 1, "two", null, null, Now, "admin");

        var accepted = TermsAcceptance.Accept(5, second, 2, Now);
        var stale = Assert.Throws<DomainRuleException>(() => TermsAcceptance.Accept(5, second, 1, Now));
        var unticked = Assert.Throws<DomainRuleException>(() => TermsAcceptance.Accept(5, second, null, Now));

        Assert.Equal((5L, 2, Now), (accepted.DistributorId, accepted.Version, accepted.AcceptedAt));
        Assert.Equal(RuleBreach.Conflict, stale.Breach);
        Assert.Equal("acceptTerms", unticked.Field);
    }

    [Theory]
    [InlineData("https://videos.example.com/a?b=1", "https://videos.example.com/a?b=1")]
    [InlineData("  ", null)]
    [InlineData(null, null)]
    public void A_video_link_is_an_https_address(string? typed, string? kept)
    {
        var module = TrainingModule.Create("Title", "Body", 1, typed, "en", true, Now);

        Assert.Equal(kept, module.VideoUrl);
    }

    [Theory]
    [InlineData("http://videos.example.com/a")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("/relative/video")]
    [InlineData("ftp://videos.example.com/a")]
    [InlineData("https://user:secret@videos.example.com/a")]
    public void Any_other_video_link_is_refused(string typed)
    {
        var refused = Assert.Throws<DomainRuleException>(() => TrainingModule.Create("Title", "Body", 1, typed, "en", true, Now));

        Assert.Equal("videoUrl", refused.Field);
    }

    [Theory]
    [InlineData("", "Body", 1, "en", "title")]
    [InlineData("Title", "", 1, "en", "body")]
    [InlineData("Title", "Body", -1, "en", "position")]
    [InlineData("Title", "Body", 1001, "en", "position")]
    [InlineData("Title", "Body", 1, "de", "language")]
    public void A_module_needs_a_title_a_text_a_place_and_a_language_of_the_app(string title, string body, int position, string language, string field)
    {
        var refused = Assert.Throws<DomainRuleException>(() => TrainingModule.Create(title, body, position, null, language, true, Now));

        Assert.Equal(field, refused.Field);
    }

    [Fact]
    public void A_draft_module_cannot_be_marked_done()
    {
        var draft = TrainingModule.Create("Title", "Body", 1, null, "ru", false, Now);

        Assert.Equal(RuleBreach.NotFound, Assert.Throws<DomainRuleException>(() => TrainingCompletion.For(3, draft, Now)).Breach);
        draft.Update("Title", "Body", 1, null, "ru", true, Now);
        Assert.Equal(3, TrainingCompletion.For(3, draft, Now).DistributorId);
    }
}
