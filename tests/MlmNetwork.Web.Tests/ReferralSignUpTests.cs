using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

public class ReferralSignUpTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task Join_page_names_the_sponsor_of_the_referral_code()
    {
        var sponsor = await App.CreateDistributorAsync("Sara Sponsor", "sara@example.com", null);

        var page = await (await App.CreateBrowser().GetAsync($"/join/{sponsor.Code()}")).TextAsync();

        Assert.Contains("You were invited by <strong>Sara Sponsor</strong>", page);
    }

    [Fact]
    public async Task Signing_up_through_a_referral_link_places_the_recruit_under_the_sponsor_logged_in()
    {
        var sponsor = await App.CreateDistributorAsync("Sara Sponsor", "sara@example.com", null);

        var (browser, recruit) = await App.SignUpThroughReferralAsync(sponsor.Code(), "Rick Recruit", "Rick@Example.com");

        Assert.Equal(sponsor.Id(), recruit.GetProperty("sponsorId").GetInt64());
        Assert.Equal("rick@example.com", recruit.GetProperty("email").GetString());
        Assert.Equal("Active", recruit.GetProperty("status").GetString());
        var dashboard = await (await browser.GetAsync("/Dashboard")).TextAsync();
        Assert.Contains("Hello, Rick Recruit", dashboard);
        Assert.Contains($"/join/{recruit.Code()}", dashboard);
        var sponsorRow = await App.WithDbAsync(db => db.Distributors.SingleAsync(d => d.Id == sponsor.Id()));
        Assert.Equal(1, sponsorRow.DirectRecruitCount);
        Assert.Equal(1, sponsorRow.DownlineCount);
    }

    [Fact]
    public async Task Signing_up_pays_nobody()
    {
        var chain = await App.CreateChainAsync(3);

        await App.SignUpThroughReferralAsync(chain[^1].Code(), "Rick Recruit", "rick@example.com");

        Assert.Equal(0, await App.WithDbAsync(db => db.CommissionLines.CountAsync()));
        foreach (var member in chain)
        {
            var commissions = await App.CommissionsOfAsync(member.Id());
            Assert.Equal(0m, commissions.GetProperty("balance").GetDecimal());
        }
    }

    [Theory]
    [InlineData("ZZZZZZZZ")] // well-formed, nobody has it
    [InlineData("not-a-code")] // malformed
    public async Task An_unknown_code_is_explained_and_the_recruit_can_join_under_the_company(string code)
    {
        var browser = App.CreateBrowser();
        var page = await (await browser.GetAsync($"/join/{code}")).TextAsync();
        Assert.Contains("We could not find a distributor with the referral code", page);

        Assert.Contains("action=\"/join\"", page);
        var response = await browser.PostFormAsync("/join", new() { ["Input.Name"] = "Nora New", ["Input.Email"] = "nora@example.com", ["Input.Password"] = MlmAppFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (nora, house) = await App.WithDbAsync(async db => (
            await db.Distributors.SingleAsync(d => d.Email == "nora@example.com"),
            await db.Distributors.SingleAsync(d => d.IsHouse)));
        Assert.Equal(house.Id, nora.SponsorId);
    }

    [Fact]
    public async Task A_sign_up_without_a_code_goes_under_the_house_account()
    {
        var (_, recruit) = await App.SignUpThroughReferralAsync(null, "Walk In", "walkin@example.com");

        var houseId = await App.WithDbAsync(db => db.Distributors.Where(d => d.IsHouse).Select(d => d.Id).SingleAsync());
        Assert.Equal(houseId, recruit.GetProperty("sponsorId").GetInt64());
    }

    [Fact]
    public async Task A_taken_email_is_refused_on_the_form_and_nothing_is_written()
    {
        await App.SignUpThroughReferralAsync(null, "First", "same@example.com");

        var response = await App.CreateBrowser().PostFormAsync("/join", new() { ["Input.Name"] = "Second", ["Input.Email"] = "SAME@example.com", ["Input.Password"] = MlmAppFactory.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already exists", await response.TextAsync());
        Assert.Equal(1, await App.WithDbAsync(db => db.Distributors.CountAsync(d => d.Email == "same@example.com")));
        Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "same@example.com")));
    }

    [Fact]
    public async Task A_weak_password_or_missing_name_gets_form_errors_and_writes_nothing()
    {
        var response = await App.CreateBrowser().PostFormAsync("/join", new() { ["Input.Name"] = "", ["Input.Email"] = "weak@example.com", ["Input.Password"] = "short" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.TextAsync();
        Assert.Contains("The Your name field is required.", page);
        Assert.Equal(0, await App.WithDbAsync(db => db.Distributors.CountAsync(d => d.Email == "weak@example.com")));

        response = await App.CreateBrowser().PostFormAsync("/join", new() { ["Input.Name"] = "Weak", ["Input.Email"] = "weak@example.com", ["Input.Password"] = "alllowercase" });
        Assert.Contains("Passwords must have at least one", await response.TextAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Distributors.CountAsync(d => d.Email == "weak@example.com")));
        Assert.Equal(0, await App.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "weak@example.com")));
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var response = await App.CreateBrowser().PostAsync("/join", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Forged",
            ["Input.Email"] = "forged@example.com",
            ["Input.Password"] = MlmAppFactory.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.Distributors.CountAsync(d => d.Email == "forged@example.com")));
    }

    [Fact]
    public async Task A_recruit_can_log_out_and_back_in()
    {
        await App.SignUpThroughReferralAsync(null, "Lou Login", "lou@example.com");

        var browser = await App.LoginAsync("lou@example.com", MlmAppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Dashboard")).StatusCode);
        var logout = await browser.PostFormAsync("/Account/Logout", [], "/Dashboard");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Dashboard")).StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        await App.SignUpThroughReferralAsync(null, "Lock Me", "lock@example.com");
        var browser = App.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "lock@example.com", ["Input.Password"] = "Wrong-pass-123!" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var right = await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "lock@example.com", ["Input.Password"] = MlmAppFactory.Password });

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.TextAsync());
    }

    [Fact]
    public async Task Passwords_are_hashed_with_at_least_210000_pbkdf2_iterations()
    {
        await App.SignUpThroughReferralAsync(null, "Hash Check", "hash@example.com");

        var hash = await App.WithDbAsync(db => db.Users.Where(u => u.Email == "hash@example.com").Select(u => u.PasswordHash).SingleAsync());

        // Identity v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), ...
        var bytes = Convert.FromBase64String(hash!);
        var iterations = (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
        Assert.True(iterations >= 210_000, $"iterations = {iterations}");
    }
}
