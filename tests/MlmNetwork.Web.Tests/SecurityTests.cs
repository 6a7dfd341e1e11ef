using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Web.Pages.Account;

namespace MlmNetwork.Web.Tests;

/// <summary>The security review's findings: headers, links behind a proxy, login answers, logout, passwords, API keys.</summary>
public partial class SecurityTests(MlmAppFactory app) : AppTest(app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/css/site.css")]
    [InlineData("/no/such/page")]
    [InlineData("/api/v1/products")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        var response = await App.CreateApiClient().GetAsync(url);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Https_responses_carry_hsts()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://team.example.com"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Referral_links_and_the_qr_code_come_from_the_public_base_url_not_the_host_header()
    {
        using var configured = App.WithWebHostBuilder(b => b.UseSetting("App:PublicBaseUrl", "https://team.example.com/"));
        var browser = configured.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://attacker.example"), AllowAutoRedirect = false });
        await browser.PostFormAsync("/join", new() { ["Input.Name"] = "Hosty", ["Input.Email"] = "hosty@example.com", ["Input.Password"] = MlmAppFactory.Password });
        var code = await App.WithDbAsync(db => db.Distributors.Where(d => d.Email == "hosty@example.com").Select(d => d.ReferralCode).SingleAsync());

        var dashboard = await (await browser.GetAsync("/Dashboard")).TextAsync();
        var qr = await browser.GetAsync($"/qr/{code}.svg");

        Assert.Contains($"https://team.example.com/join/{code}", dashboard);
        Assert.DoesNotContain("attacker.example", dashboard);
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.True(qr.Headers.CacheControl?.Public);
    }

    [Fact]
    public async Task Allowed_hosts_are_configurable_and_other_hosts_are_refused()
    {
        using var configured = App.WithWebHostBuilder(b => b.UseSetting("AllowedHosts", "team.example.com"));

        var ours = await configured.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://team.example.com") }).GetAsync("/");
        var theirs = await configured.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://attacker.example") }).GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, theirs.StatusCode);
    }

    [Fact]
    public async Task Without_a_public_base_url_the_qr_code_is_never_cached_publicly()
    {
        var d = await App.CreateDistributorAsync("Quinn", "quinn@example.com", null);
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://attacker.example") });

        var qr = await client.GetAsync($"/qr/{d.Code()}.svg");

        Assert.False(qr.Headers.CacheControl?.Public);
        Assert.DoesNotContain("immutable", qr.Headers.CacheControl?.ToString() ?? string.Empty);
    }

    [Fact]
    public async Task Login_failures_read_the_same_for_unknown_emails_wrong_passwords_and_locked_accounts()
    {
        await App.SignUpThroughReferralAsync(null, "Known", "known@example.com");
        var browser = App.CreateBrowser();

        var unknown = await FormErrorAsync(await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "Wrong-pass-123!" }));
        var wrong = await FormErrorAsync(await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "known@example.com", ["Input.Password"] = "Wrong-pass-123!" }));
        for (var i = 0; i < 5; i++)
        {
            await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "known@example.com", ["Input.Password"] = "Wrong-pass-123!" });
        }

        var locked = await FormErrorAsync(await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "known@example.com", ["Input.Password"] = "Wrong-pass-123!" }));

        Assert.Equal(LoginModel.RefusedMessage, unknown);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, locked);
    }

    [Fact]
    public async Task An_unknown_email_takes_about_as_long_as_a_real_account()
    {
        await App.SignUpThroughReferralAsync(null, "Timed", "timed@example.com");
        var browser = App.CreateBrowser();
        async Task<double> TimeAsync(string email)
        {
            var token = AntiforgeryToken().Match(await browser.GetStringAsync("/Account/Login")).Groups[1].Value;
            var clock = Stopwatch.StartNew();
            await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "Wrong-pass-123!", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
            return clock.Elapsed.TotalMilliseconds;
        }

        await TimeAsync("warmup@example.com");
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            known.Add(await TimeAsync("timed@example.com"));
            unknown.Add(await TimeAsync($"nobody{i}@example.com"));
        }

        // Without the dummy hash an unknown email answers in a few milliseconds, a real one after 210,000 PBKDF2 rounds.
        Assert.True(unknown.Order().ElementAt(1) > known.Order().ElementAt(1) * 0.4, $"unknown {string.Join(", ", unknown)} ms vs known {string.Join(", ", known)} ms");
    }

    [Fact]
    public async Task A_closed_account_says_so_only_after_the_right_password()
    {
        var (_, me) = await App.SignUpThroughReferralAsync(null, "Closed", "closed@example.com");
        await App.SetStatusAsync(me.Id(), "Terminated");

        var wrong = await FormErrorAsync(await App.CreateBrowser().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "closed@example.com", ["Input.Password"] = "Wrong-pass-123!" }));
        var right = await FormErrorAsync(await App.CreateBrowser().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "closed@example.com", ["Input.Password"] = MlmAppFactory.Password }));

        Assert.Equal(LoginModel.RefusedMessage, wrong);
        Assert.Equal("This account has been closed.", right);
    }

    [Fact]
    public async Task A_cookie_copied_before_logout_no_longer_opens_the_dashboard()
    {
        await App.SignUpThroughReferralAsync(null, "Copy Cat", "copy@example.com");
        var jar = new Dictionary<string, string>();
        using var client = App.CreateApiClient(key: null);
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Dictionary<string, string>? form = null)
        {
            using var request = new HttpRequestMessage(method, url) { Content = form is null ? null : new FormUrlEncodedContent(form) };
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await client.SendAsync(request);
            foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = setCookie.Split(';')[0].Split('=', 2);
                jar[pair[0]] = pair[1];
            }

            return response;
        }

        async Task<string> TokenAsync(string url) =>
            WebUtility.HtmlDecode(AntiforgeryToken().Match(await (await SendAsync(HttpMethod.Get, url)).Content.ReadAsStringAsync()).Groups[1].Value);

        var login = await SendAsync(HttpMethod.Post, "/Account/Login", new() { ["Input.Email"] = "copy@example.com", ["Input.Password"] = MlmAppFactory.Password, ["__RequestVerificationToken"] = await TokenAsync("/Account/Login") });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var copied = new Dictionary<string, string>(jar);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/Dashboard")).StatusCode);

        var logout = await SendAsync(HttpMethod.Post, "/Account/Logout", new() { ["__RequestVerificationToken"] = await TokenAsync("/Dashboard") });
        jar.Clear();
        foreach (var (name, value) in copied)
        {
            jar[name] = value;
        }

        var replay = await SendAsync(HttpMethod.Get, "/Dashboard");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/Account/Login", replay.Headers.Location?.PathAndQuery ?? replay.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("P@ssw0rd")]
    [InlineData("Password1!")]
    [InlineData("Welcome1!")]
    [InlineData("qwerty123")]
    public async Task Common_passwords_are_refused_at_sign_up(string password)
    {
        var response = await App.CreateBrowser().PostFormAsync("/join", new() { ["Input.Name"] = "Weak", ["Input.Email"] = "weak@example.com", ["Input.Password"] = password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("one of the most common", await response.TextAsync());
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "weak@example.com")));
    }

    [Fact]
    public async Task Api_key_hints_keep_at_most_four_characters()
    {
        var admin = await App.LoginAsAdminAsync();
        var created = await (await admin.PostFormAsync("/Admin/ApiKeys?handler=Create", new() { ["Name"] = "Shop" }, "/Admin/ApiKeys")).TextAsync();
        var secret = Regex.Match(created, "mlm_[0-9a-f]{48}").Value;

        var hints = await App.WithDbAsync(db => db.ApiKeys.Select(k => k.Hint).ToListAsync());
        var page = await (await admin.GetAsync("/Admin/ApiKeys")).TextAsync();

        Assert.NotEmpty(secret);
        Assert.Equal(2, hints.Count);
        Assert.All(hints, h => Assert.True(h.Length <= 4, h));
        Assert.DoesNotContain(MlmAppFactory.ApiKey[..5], page);
        Assert.DoesNotContain(secret[..5], page);
    }

    private static async Task<string> FormErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Regex.Match(await response.TextAsync(), "validation-summary-errors[^>]*>\\s*<ul>\\s*<li>(.*?)</li>", RegexOptions.Singleline).Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
