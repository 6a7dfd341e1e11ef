using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>What an admin does on the onboarding pages (starter kits, terms, training), as intent methods shared by the HTTP and browser tests.</summary>
public static class OnboardingSteps
{
    /// <summary>A saved form redirects (the socket client of the browser tests follows it to another page); a refused one shows the form again.</summary>
    private static async Task SavedAsync(HttpResponseMessage response)
    {
        var followed = response.StatusCode == HttpStatusCode.OK && response.RequestMessage?.Method == HttpMethod.Get;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect || followed, await response.TextAsync());
    }

    /// <summary>Publishes the next version of the terms on /Admin/Terms (on top of the version the page shows in force), optionally with a Russian text.</summary>
    public static async Task PublishTermsAsync(this MlmAppFactory app, HttpClient admin, string body, string? note = null, string? russian = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var fields = new Dictionary<string, string> { ["Input.Body"] = body, ["Input.RussianBody"] = russian ?? string.Empty, ["Input.ChangeNote"] = note ?? string.Empty };
        if (await admin.HiddenFieldAsync("/Admin/Terms", "Input.BasedOn") is { } basedOn)
        {
            fields["Input.BasedOn"] = basedOn;
        }

        var response = await admin.PostFormAsync("/Admin/Terms", fields);
        await SavedAsync(response);
    }

    /// <summary>The value of a hidden field of the form on <paramref name="url"/> (a version the form is based on), or null when it has none.</summary>
    public static async Task<string?> HiddenFieldAsync(this HttpClient browser, string url, string name)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var match = System.Text.RegularExpressions.Regex.Match(await browser.GetStringAsync(url), "type=\"hidden\" name=\"" + System.Text.RegularExpressions.Regex.Escape(name) + "\" value=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Posts the kit edit form of <paramref name="kitId"/> as an admin who just opened it: the fields given, and the version the form shows.</summary>
    public static async Task<HttpResponseMessage> EditKitAsync(this HttpClient admin, long kitId, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var url = $"/Admin/Kits/Edit/{kitId}";
        fields["Input.Version"] = await admin.HiddenFieldAsync(url, "Input.Version") ?? string.Empty;
        return await admin.PostFormAsync(url, fields);
    }

    /// <summary>Creates an offered starter kit on /Admin/Kits/Edit; its id.</summary>
    public static Task<long> CreateKitAsync(this MlmAppFactory app, HttpClient admin, string name, string price, params (string Sku, int Quantity)[] items) =>
        app.CreateKitAsync(admin, name, price, items, $"All about {name}");

    public static async Task<long> CreateKitAsync(this MlmAppFactory app, HttpClient admin, string name, string price, (string Sku, int Quantity)[] items, string description)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(items);
        var ids = await app.WithDbAsync(db => db.Products.ToDictionaryAsync(p => p.Sku, p => p.Id));
        var fields = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Description"] = description, ["Input.Price"] = price, ["Input.Active"] = "true" };
        for (var i = 0; i < items.Length; i++)
        {
            fields[$"Input.Items[{i}].ProductId"] = ids[items[i].Sku].ToString(CultureInfo.InvariantCulture);
            fields[$"Input.Items[{i}].Quantity"] = items[i].Quantity.ToString(CultureInfo.InvariantCulture);
        }

        var response = await admin.PostFormAsync("/Admin/Kits/Edit", fields);
        await SavedAsync(response);
        return await app.WithDbAsync(db => db.StarterKits.Where(k => k.Name == name).Select(k => k.Id).SingleAsync());
    }

    /// <summary>Writes a training module on /Admin/Training/Edit; its id.</summary>
    public static async Task<long> CreateTrainingModuleAsync(this MlmAppFactory app, HttpClient admin, string title, string body, bool published = true, string? video = null, int position = 10, string language = "en")
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(admin);
        var response = await admin.PostFormAsync("/Admin/Training/Edit", new()
        {
            ["Input.Title"] = title,
            ["Input.Body"] = body,
            ["Input.Position"] = position.ToString(CultureInfo.InvariantCulture),
            ["Input.VideoUrl"] = video ?? string.Empty,
            ["Input.Language"] = language,
            ["Input.Published"] = published ? "true" : "false",
        });
        await SavedAsync(response);
        return await app.WithDbAsync(db => db.TrainingModules.Where(m => m.Title == title).Select(m => m.Id).SingleAsync());
    }
}
