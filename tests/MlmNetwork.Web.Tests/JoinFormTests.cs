using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>The join form as outside testers drove it: double clicks, tampered fields, several mistakes at once, and how it reads.</summary>
public class JoinFormTests(MlmAppFactory app) : AppTest(app)
{
    private async Task<(long Kit, string KitVersion)> CompanyWithTermsAndAKitAsync()
    {
        await App.CreateProductAsync("VIT-C", 19.99m, 15m);
        var admin = await App.LoginAsAdminAsync();
        await App.PublishTermsAsync(admin, "# Terms\nBe honest.");
        var kit = await App.CreateKitAsync(admin, "Welcome kit", "149.00", ("VIT-C", 1));
        return (kit, (await App.CreateBrowser().HiddenFieldAsync("/join", $"Input.KitVersions[{kit}]"))!);
    }

    [Fact]
    public async Task A_double_click_on_join_makes_one_account_and_one_kit_order_and_tells_the_second_click_never_a_500()
    {
        var (kit, version) = await CompanyWithTermsAndAKitAsync();

        for (var round = 0; round < 4; round++)
        {
            var email = $"double{round}@example.com";
            var browser = App.CreateBrowser();
            var token = System.Text.RegularExpressions.Regex.Match(await browser.GetStringAsync("/join"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var fields = new Dictionary<string, string>
            {
                ["Input.Name"] = "Dora Double", ["Input.Email"] = email, ["Input.Password"] = MlmAppFactory.Password,
                ["Input.AcceptTerms"] = "true", ["Input.TermsVersion"] = "1",
                ["Input.StarterKitId"] = kit.ToString(CultureInfo.InvariantCulture), [$"Input.KitVersions[{kit}]"] = version,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            };

            var clicks = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => browser.PostAsync("/join", new FormUrlEncodedContent(fields))));

            Assert.Single(clicks, c => c.StatusCode == HttpStatusCode.Redirect);
            foreach (var refused in clicks.Where(c => c.StatusCode != HttpStatusCode.Redirect))
            {
                Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
                Assert.Contains("with that email already exists.", await refused.TextAsync());
            }

            Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
            var distributor = await App.WithDbAsync(db => db.Distributors.SingleAsync(d => d.Email == email));
            Assert.NotNull(distributor.UserId);
            Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync(s => s.DistributorId == distributor.Id)));
            Assert.Equal(1, await App.WithDbAsync(db => db.TermsAcceptances.CountAsync(a => a.DistributorId == distributor.Id)));
        }

        // No login without its distributor, none with two.
        Assert.Equal(0, await App.WithDbAsync(db => db.Users.CountAsync(u => u.Email!.StartsWith("double") && !db.Distributors.Any(d => d.UserId == u.Id))));
    }

    [Theory]
    [InlineData("Input.StarterKitId", "abc", "That starter kit is not offered.")]
    [InlineData("Input.StarterKitId", "1234567890123456789012345", "That starter kit is not offered.")]
    [InlineData("Input.StarterKitId", "-5", "That starter kit is not offered.")]
    [InlineData("Input.TermsVersion", "99999999999", "The terms changed while you were reading: version 1 is now in force.")]
    [InlineData("Input.TermsVersion", "abc", "The terms changed while you were reading: version 1 is now in force.")]
    [InlineData("Input.KitVersions[{kit}]", "abc", "The starter kit changed while you were reading")]
    public async Task A_tampered_kit_or_terms_field_is_told_on_the_page_and_writes_nothing(string field, string value, string message)
    {
        var (kit, version) = await CompanyWithTermsAndAKitAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Tom Tamper", ["Input.Email"] = "tom@example.com", ["Input.Password"] = MlmAppFactory.Password,
            ["Input.AcceptTerms"] = "true", ["Input.TermsVersion"] = "1",
            ["Input.StarterKitId"] = kit.ToString(CultureInfo.InvariantCulture), [$"Input.KitVersions[{kit}]"] = version,
        };
        fields[field.Replace("{kit}", kit.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)] = value;

        var response = await App.CreateBrowser().PostFormAsync("/join", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Distributors.CountAsync(d => d.Email == "tom@example.com")));
    }

    [Fact]
    public async Task A_short_password_and_unticked_terms_are_both_told_at_once()
    {
        await CompanyWithTermsAndAKitAsync();

        var response = await App.CreateBrowser().PostFormAsync("/join", new() { ["Input.Name"] = "Sam", ["Input.Email"] = "sam@example.com", ["Input.Password"] = "short", ["Input.TermsVersion"] = "1" });
        var page = await response.TextAsync();

        Assert.Contains("Password is 8 to 200 characters long.", page);
        Assert.Contains("Accept the terms and policies to go on.", page);
        Assert.Equal(0, await App.WithDbAsync(db => db.Distributors.CountAsync(d => d.Email == "sam@example.com")));
    }

    [Fact]
    public async Task A_kit_reads_as_its_name_and_price_and_the_page_says_nobody_is_paid_for_joining()
    {
        await CompanyWithTermsAndAKitAsync();

        var page = await (await App.CreateBrowser().GetAsync("/join")).TextAsync();

        Assert.Matches("<span class=\"kit-head\"><strong>Welcome kit</strong> <strong class=\"kit-price\" data-testid=\"kit-price\">€149.00</strong></span>", page);
        Assert.Contains("Nobody is paid for your joining or for your starter kit", page);
        Assert.DoesNotContain("Joining is free of commissions", page);
    }
}
