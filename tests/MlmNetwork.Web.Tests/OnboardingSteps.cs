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

    /// <summary>Publishes the next version of the terms on /Admin/Terms.</summary>
    public static async Task PublishTermsAsync(this MlmAppFactory app, HttpClient admin, string body, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var response = await admin.PostFormAsync("/Admin/Terms", new() { ["Input.Body"] = body, ["Input.ChangeNote"] = note ?? string.Empty });
        await SavedAsync(response);
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
