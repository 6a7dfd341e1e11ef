using Microsoft.Playwright;
using MlmNetwork.Web.Tests;

namespace MlmNetwork.Browser.Tests;

/// <summary>
/// A browser test class: every test starts on an empty database, and fails if any page it
/// opened had something refused by the content security policy.
/// </summary>
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    protected BrowserFixture App => fixture;

    public virtual Task InitializeAsync()
    {
        fixture.CspViolations.Clear();
        return fixture.ResetAsync();
    }

    public virtual Task DisposeAsync()
    {
        Assert.Empty(fixture.CspViolations);
        return Task.CompletedTask;
    }

    /// <summary>Logs in on the login page in whatever language it shows (the fields by name), and waits to be let in.</summary>
    protected static async Task LogInAsync(IPage page, string email, string password = MlmAppFactory.Password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.Locator("form.stack button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }
}
