using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>The recruit's dashboard (getting-started checklist, sponsor card) and the sponsor's page that follows their recruits.</summary>
public partial class RecruitsPageTests(MlmAppFactory app) : AppTest(app)
{
    [GeneratedRegex("id=\"referral-share\"[^>]*>\\s*<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex ShareToken();

    [Fact]
    public async Task A_recruit_sees_the_checklist_and_the_sponsor_card_on_the_dashboard()
    {
        await App.CreateProductAsync("VIT-C", 20m);
        var admin = await App.LoginAsAdminAsync();
        await App.CreateTrainingModuleAsync(admin, "Welcome", "Hello");
        var (_, sara) = await App.SignUpThroughReferralAsync(null, "Sara Sponsor", "sara@example.com");
        var (rita, _) = await App.SignUpThroughReferralAsync(sara.Code(), "Rita Recruit", "rita@example.com");

        var dashboard = await (await rita.GetAsync("/Dashboard")).TextAsync();

        Assert.Contains("data-testid=\"getting-started\"", dashboard);
        // The e-mail waits for its confirmation link; the profile has no phone or address yet.
        Assert.Contains("0 of 5 steps done", dashboard);
        Assert.Contains("0 of 1 modules done: go on", dashboard);
        Assert.Contains("data-testid=\"sponsor-name\">Sara Sponsor</strong>", dashboard);
        Assert.Contains("href=\"mailto:sara@example.com\"", dashboard);
        Assert.Contains($"data-testid=\"sponsor-code\">{sara.Code()}</span>", dashboard);
        var saraDashboard = await (await App.LoginAsync("sara@example.com", MlmAppFactory.Password)).GetAsync("/Dashboard");
        var saraHtml = await saraDashboard.TextAsync();
        Assert.Contains("Your contact: the company", saraHtml);
        Assert.Contains("1 of 5 steps done", saraHtml); // somebody joined through her link
    }

    [Fact]
    public async Task Copying_the_link_marks_the_share_step_done_once_with_the_antiforgery_token()
    {
        var (rita, ritaJson) = await App.SignUpThroughReferralAsync(null, "Rita Recruit", "rita@example.com");
        var dashboard = await rita.GetStringAsync("/Dashboard");
        var token = WebUtility.HtmlDecode(ShareToken().Match(dashboard).Groups[1].Value);

        var forged = await rita.PostAsync("/getting-started/referral-shared", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/getting-started/referral-shared");
        request.Headers.Add("RequestVerificationToken", token);
        var told = await rita.SendAsync(request);
        var anonymous = await App.CreateBrowser().PostAsync("/getting-started/referral-shared", null);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, told.StatusCode);
        Assert.NotEqual(HttpStatusCode.NoContent, anonymous.StatusCode);
        Assert.NotNull(await App.WithDbAsync(db => db.Distributors.Where(d => d.Id == ritaJson.Id()).Select(d => d.ReferralLinkSharedAt).SingleAsync()));
        Assert.Contains("data-testid=\"step-ShareReferralLink\"", await rita.GetStringAsync("/Dashboard"));
        Assert.Matches("class=\"done\" data-step=\"ShareReferralLink\"", await rita.GetStringAsync("/Dashboard"));
    }

    [Fact]
    public async Task Sharing_the_link_is_not_recorded_while_new_terms_wait_to_be_accepted()
    {
        var (rita, ritaJson) = await App.SignUpThroughReferralAsync(null, "Rita Recruit", "rita@example.com");
        var token = WebUtility.HtmlDecode(ShareToken().Match(await rita.GetStringAsync("/Dashboard")).Groups[1].Value);
        await App.PublishTermsAsync(await App.LoginAsAdminAsync(), "# Terms\nBe honest.");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/getting-started/referral-shared");
        request.Headers.Add("RequestVerificationToken", token);
        var told = await rita.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, told.StatusCode);
        Assert.Null(await App.WithDbAsync(db => db.Distributors.Where(d => d.Id == ritaJson.Id()).Select(d => d.ReferralLinkSharedAt).SingleAsync()));
    }

    [Fact]
    public async Task A_sponsor_follows_each_direct_recruits_checklist_and_training_and_nobody_elses()
    {
        await App.CreateProductAsync("VIT-C", 20m);
        var admin = await App.LoginAsAdminAsync();
        var module = await App.CreateTrainingModuleAsync(admin, "Welcome", "Hello");
        var (sara, saraJson) = await App.SignUpThroughReferralAsync(null, "Sara Sponsor", "sara@example.com");
        var (rita, ritaJson) = await App.SignUpThroughReferralAsync(saraJson.Code(), "Rita Recruit", "rita@example.com");
        var (_, deepJson) = await App.SignUpThroughReferralAsync(ritaJson.Code(), "Dan Deep", "dan@example.com");
        var (other, otherJson) = await App.SignUpThroughReferralAsync(null, "Olga Other", "olga@example.com");
        await rita.PostFormAsync($"/Training/{module}?handler=Done", [], $"/Training/{module}");
        await App.PostSaleAsync(ritaJson.Id(), "first", ("VIT-C", 1));

        var list = await (await sara.GetAsync("/Team/Recruits")).TextAsync();
        var details = await (await sara.GetAsync($"/Team/Recruits/{ritaJson.Id()}")).TextAsync();

        Assert.Contains("Rita Recruit", list);
        Assert.DoesNotContain("Dan Deep", list); // a recruit's recruit is not a direct recruit
        Assert.DoesNotContain("Olga Other", list);
        Assert.Contains("3 of 5", list); // training, shared (Dan joined), first sale; not the e-mail nor the profile yet
        Assert.Contains("Confirming the e-mail address", list); // her next step, as her sponsor reads it
        Assert.Matches("class=\"done\" data-testid=\"step-FirstSale\"", details);
        Assert.Matches("class=\"done\" data-testid=\"step-FinishTraining\"", details);
        Assert.Matches("class=\"todo\" data-testid=\"step-CompleteProfile\"", details);
        Assert.Contains("done " + DateTime.UtcNow.ToString("M/d/yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-US")), details);
        Assert.Equal(HttpStatusCode.NotFound, (await sara.GetAsync($"/Team/Recruits/{deepJson.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sara.GetAsync($"/Team/Recruits/{otherJson.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Team/Recruits/{ritaJson.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sara.GetAsync($"/Team/Recruits/{saraJson.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sara.GetAsync("/Team/Recruits/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sara.GetAsync("/Team/Recruits/abc")).StatusCode);
        Assert.Contains("Nobody has joined through your link yet.", await (await other.GetAsync("/Team/Recruits")).TextAsync());
        Assert.Contains("/Account/", (await admin.GetAsync("/Team/Recruits")).Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmed_address_and_a_phone_and_address_on_the_profile_tick_their_steps()
    {
        var (rita, ritaJson) = await App.SignUpThroughReferralAsync(null, "Rita Recruit", "rita@example.com");
        Assert.Matches("class=\"todo\" data-step=\"ConfirmEmail\"", await rita.GetStringAsync("/Dashboard"));

        await App.WithDbAsync(db => db.Users.Where(u => u.Email == "rita@example.com").ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true)));
        await App.WithDbAsync(async db =>
        {
            var distributor = await db.Distributors.SingleAsync(d => d.Id == ritaJson.Id());
            distributor.UpdateDetails("Rita Recruit", "+7 999 123-45-67", "Moscow, Tverskaya 1");
            return await db.SaveChangesAsync();
        });
        var dashboard = await rita.GetStringAsync("/Dashboard");

        Assert.Matches("class=\"done\" data-step=\"ConfirmEmail\"", dashboard);
        Assert.Matches("class=\"done\" data-step=\"CompleteProfile\"", dashboard);
        Assert.Contains("2 of 4 steps done", dashboard);
    }

    [Fact]
    public async Task A_starter_kit_is_not_the_first_sale()
    {
        await App.CreateProductAsync("VIT-C", 20m);
        var admin = await App.LoginAsAdminAsync();
        var kit = await App.CreateKitAsync(admin, "Welcome kit", "39", ("VIT-C", 1));
        var (rita, ritaJson) = await App.SignUpThroughReferralAsync(null, "Rita Recruit", "rita@example.com", kit);

        Assert.Matches("class=\"todo\" data-step=\"FirstSale\"", await rita.GetStringAsync("/Dashboard"));
        await App.PostSaleAsync(ritaJson.Id(), "first", ("VIT-C", 1));
        Assert.Matches("class=\"done\" data-step=\"FirstSale\"", await rita.GetStringAsync("/Dashboard"));
    }
}
