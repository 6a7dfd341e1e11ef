namespace MlmNetwork.Domain.Tests;

public class GettingStartedTests
{
    [Theory]
    //          email  profile published done  shared recruits sold   | done total percent complete next
    [InlineData(false, false, 3, 0, false, 0, false, 0, 5, 0, false, GettingStartedStep.ConfirmEmail)]
    [InlineData(true, false, 3, 0, false, 0, false, 1, 5, 20, false, GettingStartedStep.CompleteProfile)]
    [InlineData(true, true, 3, 2, false, 0, false, 2, 5, 40, false, GettingStartedStep.FinishTraining)]
    [InlineData(true, true, 3, 3, false, 0, false, 3, 5, 60, false, GettingStartedStep.ShareReferralLink)]
    [InlineData(true, true, 3, 3, true, 0, false, 4, 5, 80, false, GettingStartedStep.FirstSale)]
    [InlineData(true, true, 3, 3, false, 1, true, 5, 5, 100, true, null)]
    [InlineData(true, true, 0, 0, true, 0, true, 4, 4, 100, true, null)]
    [InlineData(false, false, 0, 0, false, 0, true, 1, 4, 25, false, GettingStartedStep.ConfirmEmail)]
    [InlineData(true, true, 2, 5, true, 0, false, 4, 5, 80, false, GettingStartedStep.FirstSale)]
    [InlineData(true, false, 3, 3, true, 2, true, 4, 5, 80, false, GettingStartedStep.CompleteProfile)]
    public void The_checklist_counts_the_steps_done(
        bool email, bool profile, int published, int modulesDone, bool shared, int recruits, bool sold,
        int done, int total, int percent, bool complete, GettingStartedStep? next)
    {
        var checklist = GettingStarted.From(new GettingStartedFacts(email, profile, published, modulesDone, shared, recruits, sold));

        Assert.Equal((done, total, percent, complete, next), (checklist.Done, checklist.Total, checklist.Percent, checklist.IsComplete, checklist.Next));
    }

    [Fact]
    public void Training_is_a_step_only_while_modules_are_published()
    {
        var without = GettingStarted.From(new GettingStartedFacts(true, true, 0, 0, true, 0, true));
        var with = GettingStarted.From(new GettingStartedFacts(true, true, 1, 0, true, 0, true));

        Assert.DoesNotContain(without.Items, i => i.Step == GettingStartedStep.FinishTraining);
        Assert.Equal(
            [GettingStartedStep.ConfirmEmail, GettingStartedStep.CompleteProfile, GettingStartedStep.FinishTraining, GettingStartedStep.ShareReferralLink, GettingStartedStep.FirstSale],
            with.Items.Select(i => i.Step));
        Assert.False(with.IsComplete);
    }

    [Fact]
    public void Progress_reads_100_only_when_every_step_is_done()
    {
        var almost = GettingStarted.From(new GettingStartedFacts(true, true, 200, 199, true, 0, true));

        Assert.True(almost.Percent < 100);
    }
}
