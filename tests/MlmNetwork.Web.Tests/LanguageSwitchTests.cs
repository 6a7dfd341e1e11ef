using System.Net;
using System.Net.Http.Headers;

namespace MlmNetwork.Web.Tests;

public class LanguageSwitchTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task The_browser_language_is_the_default_and_the_switch_overrides_it()
    {
        var browser = App.CreateBrowser();
        browser.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru-RU"));
        Assert.Contains("<html lang=\"ru\">", await (await browser.GetAsync("/Account/Login")).TextAsync());

        var switched = await browser.PostFormAsync("/Account/Language", new() { ["culture"] = "en-US", ["returnUrl"] = "/Account/Login?x=1" });

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Account/Login?x=1", switched.Headers.Location?.OriginalString);
        Assert.Contains("<html lang=\"en\">", await (await browser.GetAsync("/Account/Login")).TextAsync());
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("")]
    [InlineData("ru-RU;<script>")]
    public async Task An_unknown_language_is_refused(string culture)
    {
        var browser = App.CreateBrowser();
        var response = await browser.PostFormAsync("/Account/Language", new() { ["culture"] = culture, ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example.com/")]
    [InlineData("//evil.example.com")]
    public async Task The_switch_never_sends_anyone_to_another_site(string returnUrl)
    {
        var browser = App.CreateBrowser();
        var response = await browser.PostFormAsync("/Account/Language", new() { ["culture"] = "ru-RU", ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
