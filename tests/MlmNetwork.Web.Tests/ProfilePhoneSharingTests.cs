using System.Net;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// Anybody can join through a public referral link, so a sponsor's phone reaches their recruits
/// only when the sponsor chose so; their name and e-mail address are their contact, and the profile says so.
/// </summary>
public class ProfilePhoneSharingTests(MlmAppFactory app) : AppTest(app)
{
    private const string Checked = "<input[^>]*name=\"Details.SharePhone\"[^>]*checked=\"checked\"|<input[^>]*checked=\"checked\"[^>]*name=\"Details.SharePhone\"";

    private static Dictionary<string, string> Details(string phone, bool share)
    {
        var fields = new Dictionary<string, string> { ["Details.Name"] = "Sara Sponsor", ["Details.Phone"] = phone, ["Details.Address"] = string.Empty };
        if (share)
        {
            fields["Details.SharePhone"] = "true";
        }

        return fields;
    }

    [Fact]
    public async Task A_sponsors_phone_is_shown_to_their_recruits_only_once_they_choose_to_show_it()
    {
        var (sara, sponsor) = await App.SignUpThroughReferralAsync(null, "Sara Sponsor", "sara@example.com");
        Assert.Equal(HttpStatusCode.Redirect, (await sara.PostFormAsync("/Account/Profile?handler=Details", Details("+44 20 7946 0018", share: false), "/Account/Profile")).StatusCode);
        var profile = await sara.GetStringAsync("/Account/Profile");
        var (stranger, _) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Sam Stranger", "sam@example.com");

        var hidden = await (await stranger.GetAsync("/Dashboard")).TextAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await sara.PostFormAsync("/Account/Profile?handler=Details", Details("+44 20 7946 0018", share: true), "/Account/Profile")).StatusCode);
        var shown = await (await stranger.GetAsync("/Dashboard")).TextAsync();
        var chosen = await sara.GetStringAsync("/Account/Profile");

        Assert.Contains("Show my phone number to the people I recruit", profile);
        Assert.DoesNotMatch(Checked, profile);
        Assert.Contains("The people you recruit directly see your name and e-mail address", profile);
        Assert.Contains("data-testid=\"sponsor-name\">Sara Sponsor", hidden);
        Assert.Contains("mailto:sara@example.com", hidden);
        Assert.DoesNotContain("sponsor-phone", hidden);
        Assert.DoesNotContain("7946", hidden);
        Assert.Contains("href=\"tel:+44 20 7946 0018\" data-testid=\"sponsor-phone\"", shown);
        Assert.Matches(Checked, chosen);
    }
}
