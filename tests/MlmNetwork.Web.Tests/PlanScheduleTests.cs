using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Web.Tests;

/// <summary>A plan version in force from a later moment: sales are paid under the version in force when they are made.</summary>
public class PlanScheduleTests(MlmAppFactory app) : AppTest(app)
{
    private static readonly DateTime March10 = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime March20 = new(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> SaleAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static decimal SellerEarns(JsonElement sale) =>
        sale.GetProperty("commissions").EnumerateArray().Single(c => c.GetProperty("level").GetInt32() == 0).GetProperty("amount").GetDecimal();

    [Fact]
    public async Task A_sale_before_the_scheduled_date_is_paid_under_the_old_version_and_after_it_under_the_new()
    {
        App.Clock.Set(March10);
        var old = (await App.SetPlanAsync(10m, 5m)).GetProperty("version").GetInt32();
        await App.CreateProductAsync("A", 100m);
        var sponsor = await App.CreateDistributorAsync("Sponsor", "sponsor@example.com", null);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", sponsor.Code());
        using var api = App.CreateApiClient();

        // 03:00 at +03:00 is midnight UTC.
        var saved = await api.PutAsync("/api/v1/commission-plan", Json("""{"personalPercent":20,"levels":[8],"effectiveFrom":"2026-03-20T03:00:00+03:00"}"""));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var scheduled = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(old + 1, scheduled.GetProperty("version").GetInt32());
        Assert.Equal(March20, scheduled.GetProperty("effectiveFrom").GetDateTime().ToUniversalTime());
        Assert.Equal(old, (await api.GetFromJsonAsync<JsonElement>("/api/v1/commission-plan")).GetProperty("version").GetInt32());

        App.Clock.Set(March20.AddTicks(-10));
        var before = await SaleAsync(await App.PostSaleAsync(seller.Id(), "before", ("A", 1)));
        App.Clock.Set(March20);
        var at = await SaleAsync(await App.PostSaleAsync(seller.Id(), "at", ("A", 1)));
        App.Clock.Set(March20.AddDays(5));
        var after = await SaleAsync(await App.PostSaleAsync(seller.Id(), "after", ("A", 1)));

        Assert.Equal((old, 10.00m), (before.GetProperty("planVersion").GetInt32(), SellerEarns(before)));
        Assert.Equal((old + 1, 20.00m), (at.GetProperty("planVersion").GetInt32(), SellerEarns(at)));
        Assert.Equal((old + 1, 20.00m), (after.GetProperty("planVersion").GetInt32(), SellerEarns(after)));
        Assert.Equal(5.00m + 8.00m + 8.00m, await App.BalanceOfAsync(sponsor.Id()));
        Assert.Equal(old + 1, (await api.GetFromJsonAsync<JsonElement>("/api/v1/commission-plan")).GetProperty("version").GetInt32());

        // March closes under the version in force at its end.
        App.Clock.Set(new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-03")).StatusCode);
        Assert.Equal(old + 1, await App.WithDbAsync(db => db.CommissionPeriods.Select(p => p.PlanVersion).SingleAsync()));
    }

    [Theory]
    [InlineData("""{"personalPercent":10,"levels":[5],"effectiveFrom":"2026-03-10T11:59:00Z"}""", "in the past")]
    [InlineData("""{"personalPercent":10,"levels":[5],"effectiveFrom":"2026-03-01"}""", "in the past")]
    [InlineData("""{"personalPercent":10,"levels":[5],"effectiveFrom":"next week"}""", "ISO 8601")]
    [InlineData("""{"personalPercent":10,"levels":[5],"effectiveFrom":"2026-02-30T00:00:00Z"}""", "ISO 8601")]
    [InlineData("""{"personalPercent":10,"levels":[5],"effectiveFrom":"20/03/2026"}""", "ISO 8601")]
    [InlineData("""{"personalPercent":10,"levels":[5]}""", "versions stay in order")] // from now, before the version scheduled for the 20th
    [InlineData("""{"personalPercent":10,"levels":[5],"effectiveFrom":"2026-03-19T00:00:00Z"}""", "versions stay in order")]
    [InlineData("""{"personalPercent":10,"levels":[5],"effectiveFrom":"9999-12-31T23:59:59.9999999Z"}""", "at most 366 days ahead")]
    [InlineData("""{"personalPercent":10,"levels":[5],"effectiveFrom":"2062-03-20"}""", "at most 366 days ahead")]
    public async Task The_api_refuses_a_start_in_the_past_unreadable_or_before_the_latest_version(string body, string message)
    {
        App.Clock.Set(March10);
        using var api = App.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsync("/api/v1/commission-plan", Json("""{"personalPercent":20,"levels":[8],"effectiveFrom":"2026-03-20T00:00:00Z"}"""))).StatusCode);
        var versions = await App.WithDbAsync(db => db.CommissionPlans.CountAsync());

        var response = await api.PutAsync("/api/v1/commission-plan", Json(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType()?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("effectiveFrom", problem.GetProperty("field").GetString());
        Assert.Equal(versions, await App.WithDbAsync(db => db.CommissionPlans.CountAsync()));
    }

    [Fact]
    public async Task The_plan_editor_previews_and_saves_a_version_in_force_from_a_later_day_and_shows_it_as_scheduled()
    {
        App.Clock.Set(March10);
        var admin = await App.LoginAsAdminAsync();
        var inForce = await App.WithDbAsync(db => db.CommissionPlans.MaxAsync(p => p.Version));
        var form = new Dictionary<string, string>
        {
            ["Input.PersonalPercent"] = "12",
            ["Input.Levels[0]"] = "6",
            ["Input.MinPersonalVolume"] = "0",
            ["Input.EffectiveFrom"] = "2026-03-20",
        };

        var preview = await (await admin.PostFormAsync("/Admin/Plan?handler=Preview", form, "/Admin/Plan")).TextAsync();

        Assert.Contains("data-testid=\"preview-effective-from\">3/20/2026, 00:00 UTC<", preview);
        Assert.Contains("name=\"Input.EffectiveFrom\" value=\"2026-03-20\"", preview);
        Assert.Contains($"Save version {inForce + 1}, in force from 3/20/2026", preview);
        Assert.Equal(inForce, await App.WithDbAsync(db => db.CommissionPlans.MaxAsync(p => p.Version)));

        var response = await admin.PostFormAsync("/Admin/Plan?handler=Save", form, "/Admin/Plan");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await (await admin.GetAsync("/Admin/Plan")).TextAsync();
        Assert.Matches($"Plan version {inForce + 1} is scheduled: in force from 3/20/2026 12:00\\sAM UTC\\.", page);
        Assert.Contains($"In force: <strong>version {inForce}</strong>", page);
        Assert.Contains($"data-testid=\"plan-state-{inForce + 1}\">scheduled<", page);
        Assert.Contains($"data-testid=\"plan-state-{inForce}\">in force<", page);
        Assert.Equal(March20, await App.WithDbAsync(db => db.CommissionPlans.Where(p => p.Version == inForce + 1).Select(p => p.EffectiveFrom).SingleAsync()));

        App.Clock.Set(March20);
        page = await (await admin.GetAsync("/Admin/Plan")).TextAsync();
        Assert.Contains($"In force: <strong>version {inForce + 1}</strong>", page);
        Assert.Contains($"data-testid=\"plan-state-{inForce}\">superseded<", page);
        Assert.Contains($"<div class=\"value\">v{inForce + 1}</div>", await (await admin.GetAsync("/Admin")).TextAsync());
    }

    [Theory]
    [InlineData("2026-03-09", "in the past")] // today would mean from now
    [InlineData("2026-03-01", "in the past")]
    [InlineData("10.03.2026", "is not a date")]
    public async Task The_plan_editor_refuses_a_start_in_the_past_or_not_a_date(string day, string message)
    {
        App.Clock.Set(March10);
        var admin = await App.LoginAsAdminAsync();
        var versions = await App.WithDbAsync(db => db.CommissionPlans.CountAsync());
        var form = new Dictionary<string, string> { ["Input.PersonalPercent"] = "12", ["Input.Levels[0]"] = "6", ["Input.EffectiveFrom"] = day };

        foreach (var handler in new[] { "Preview", "Save" })
        {
            var response = await admin.PostFormAsync($"/Admin/Plan?handler={handler}", form, "/Admin/Plan");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, await response.TextAsync());
        }

        Assert.Equal(versions, await App.WithDbAsync(db => db.CommissionPlans.CountAsync()));
    }

    [Fact]
    public async Task A_scheduled_version_can_be_withdrawn_before_it_starts_and_the_plan_changes_again()
    {
        App.Clock.Set(March10);
        using var api = App.CreateApiClient();
        var scheduled = await (await api.PutAsync("/api/v1/commission-plan", Json("""{"personalPercent":20,"levels":[8],"effectiveFrom":"2026-03-20T00:00:00Z"}"""))).Content.ReadFromJsonAsync<JsonElement>();
        var version = scheduled.GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.PutAsync("/api/v1/commission-plan", Json("""{"personalPercent":10,"levels":[5]}"""))).StatusCode);

        var withdrawn = await api.DeleteAsync($"/api/v1/commission-plan/versions/{version}?reason=typo");

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(version - 1, (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsync("/api/v1/commission-plan", Json("""{"personalPercent":10,"levels":[5]}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.DeleteAsync($"/api/v1/commission-plan/versions/{version}")).StatusCode); // the new one is in force now
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync("/api/v1/commission-plan/versions/999")).StatusCode);
        var admin = await App.LoginAsAdminAsync();
        Assert.Contains("plan.withdraw", await (await admin.GetAsync("/Admin/Audit")).TextAsync());

        var again = await (await api.PutAsync("/api/v1/commission-plan", Json("""{"personalPercent":30,"levels":[8],"effectiveFrom":"2026-03-25T00:00:00Z"}"""))).Content.ReadFromJsonAsync<JsonElement>();
        var page = await admin.PostFormAsync("/Admin/Plan?handler=Withdraw", new() { ["version"] = again.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "changed our mind" }, "/Admin/Plan");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(version, await App.WithDbAsync(db => db.CommissionPlans.MaxAsync(p => p.Version)));
    }
}
