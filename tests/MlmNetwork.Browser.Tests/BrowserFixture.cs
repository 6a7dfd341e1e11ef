using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>
/// The app on a real Kestrel socket on 127.0.0.1 over PostgreSQL, and Debian's Chromium
/// driven headless by Playwright. Playwright never downloads a browser here: the executable
/// is the system's (CHROMIUM_PATH, else /usr/bin/chromium).
/// </summary>
public sealed class BrowserFixture : MlmAppFactory
{
    private IPlaywright? playwright;

    public BrowserFixture()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public static string ScreenshotDirectory { get; } = Path.Combine(FindRepositoryRoot(), "artifacts", "screenshots");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        ClientOptions.BaseAddress = new Uri(BaseUrl);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>What Chromium refused under the content security policy since the last reset (a page that needs an inline script or style).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> CspViolations { get; } = new();

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                CspViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>Signs up through the referral link's page in the browser, as a recruit does.</summary>
    public async Task JoinThroughPageAsync(string sponsorCode, string name, string email)
    {
        var join = await NewPageAsync();
        await join.GotoAsync($"/join/{sponsorCode}");
        await join.Locator("input[name='Input.Name']").FillAsync(name);
        await join.Locator("input[name='Input.Email']").FillAsync(email);
        await join.Locator("input[name='Input.Password']").FillAsync(MlmAppFactory.Password);
        await join.Locator("form.stack button[type=submit]").ClickAsync();
        await Assertions.Expect(join).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Dashboard$"));
        await join.Context.CloseAsync();
    }

    protected override async Task DisposeFactoryAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await base.DisposeFactoryAsync();
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MlmNetwork.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
