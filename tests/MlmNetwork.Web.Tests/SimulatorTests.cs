using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// The plan simulator (issue 10, section 4): a draft identical to the plan in force gives back the
/// real lines to the cent, on a month with refunds before and after the close (and a refund in it
/// of an earlier month's sale), an ancestor who was
/// Inactive for part of it (and Active again since), a sponsor move made after the sales,
/// compression and a minimum-volume forfeit; a draft with one level changed moves exactly the
/// pay this test computes by hand; and no replay writes a ledger line.
/// </summary>
public class SimulatorTests(MlmAppFactory app) : AppTest(app)
{
    private static DateTime March(int day) => new(2026, 3, day, 10, 0, 0, DateTimeKind.Utc);

    private async Task PlanAsync(decimal personal, decimal[] levels, bool compression, decimal minimum)
    {
        using var api = App.CreateApiClient();
        var saved = await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = personal, levels, compression, minPersonalVolume = minimum });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private async Task<long> SaleAsync(DateTime at, long seller, string key, params (string Sku, int Quantity)[] lines)
    {
        App.Clock.Set(at);
        var response = await App.PostSaleAsync(seller, key, lines);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    private async Task<HttpStatusCode> RefundAsync(DateTime at, long saleId, string key, object? body = null)
    {
        App.Clock.Set(at);
        using var api = App.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/{saleId}/refund") { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return (await api.SendAsync(request)).StatusCode;
    }

    private static Dictionary<long, (decimal Current, decimal Draft, decimal Difference)> Csv(string csv)
    {
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rank,distributor_id,name,current,draft,difference,currency", rows[0]);
        return rows.Skip(1).Select(r => r.Split(',')).ToDictionary(
            f => long.Parse(f[1], CultureInfo.InvariantCulture),
            f => (decimal.Parse(f[3], CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture), decimal.Parse(f[5], CultureInfo.InvariantCulture)));
    }

    /// <summary>What the ledger paid each distributor for March's sales: every line of those sales, computed straight from the table.</summary>
    private Task<Dictionary<long, decimal>> LedgerOfMarchAsync() => App.WithDbAsync(async db =>
    {
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = start.AddMonths(1);
        var march = db.Sales.Where(s => s.CreatedAt >= start && s.CreatedAt < end).Select(s => s.Id);
        var lines = await db.CommissionLines.Where(l => march.Contains(l.SaleId)).Select(l => new { l.BeneficiaryId, l.Amount }).ToListAsync();
        return lines.GroupBy(l => l.BeneficiaryId).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount.Amount));
    });

    [Fact]
    public async Task A_draft_identical_to_the_plan_in_force_reproduces_the_real_lines_to_the_cent()
    {
        App.Clock.Set(new DateTime(2026, 2, 20, 9, 0, 0, DateTimeKind.Utc));
        await PlanAsync(10m, [5m, 3m, 2m], compression: true, minimum: 50m);
        await App.CreateProductAsync("A", 100m);
        await App.CreateProductAsync("B", 40m);
        var n = await App.CreateChainAsync(5, "n");
        var side = await App.CreateDistributorAsync("Side", "side@example.com", n[2].Code());
        var admin = await App.LoginAsAdminAsync();
        // A February sale refunded in March: its reversals count in March's earnings but are not March's sales' lines.
        var february = await SaleAsync(new DateTime(2026, 2, 25, 10, 0, 0, DateTimeKind.Utc), n[4].Id(), "f1", ("B", 1));

        var first = await SaleAsync(March(2), n[4].Id(), "m1", ("A", 2));
        App.Clock.Set(March(3));
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(n[2].Id(), "Inactive")).StatusCode);
        await SaleAsync(March(4), n[4].Id(), "m2", ("A", 1));               // compression skips n2
        await SaleAsync(March(5), n[3].Id(), "m3", ("B", 1));               // n3's volume stays 40.00 < 50.00: forfeited at the close
        var sideSale = await SaleAsync(March(6), side.Id(), "m4", ("A", 3));
        Assert.Equal(HttpStatusCode.OK, await RefundAsync(March(7), sideSale, "r1", new { lines = new[] { new { sku = "A", quantity = 1 } } }));
        await SaleAsync(March(8), n[1].Id(), "m5", ("A", 1));
        Assert.Equal(HttpStatusCode.OK, await RefundAsync(March(9), february, "rf"));
        // After the sales: n2 Active again and Side moved under n0. The replay must still see March as it was.
        App.Clock.Set(March(10));
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(n[2].Id(), "Active")).StatusCode);
        App.Clock.Set(March(11));
        var moved = await admin.PostFormAsync($"/Admin/Distributors/Details/{side.Id()}?handler=Move", new() { ["MoveForm.SponsorCode"] = n[0].Code(), ["MoveForm.Reason"] = "test" }, $"/Admin/Distributors/Details/{side.Id()}");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        App.Clock.Set(new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-03")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await RefundAsync(new DateTime(2026, 4, 3, 9, 0, 0, DateTimeKind.Utc), first, "r2"));   // after the close and its forfeits
        var ledger = await LedgerOfMarchAsync();
        Assert.True(await App.WithDbAsync(db => db.CommissionLines.AnyAsync(l => l.Kind == CommissionLineKind.Forfeit)), "the month should have a forfeit");
        Assert.True(await App.WithDbAsync(db => db.SaleUnpaidMembers.AnyAsync(u => u.Reason == UnpaidReason.SkippedByCompression)), "compression should have skipped somebody");

        // The new-draft form starts as a copy of the plan in force; saved as it comes.
        var form = await admin.GetStringAsync("/Admin/Simulator");
        Assert.Contains("value=\"Version 2 (copy)\"", form, StringComparison.Ordinal);
        var draft = await App.SaveDraftAsync(admin, "Version 2 (copy)", "10", ["5", "3", "2"], compression: true, minimum: "50");
        var linesBefore = await App.WithDbAsync(db => db.CommissionLines.CountAsync());
        var run = await App.ReplayAsync(admin, draft, "2026-03", "2026-03");

        Assert.Equal(linesBefore, await App.WithDbAsync(db => db.CommissionLines.CountAsync()));
        var csv = Csv(await admin.GetStringAsync($"/Admin/Simulator/Runs/{run}?handler=Csv"));
        Assert.Equal(ledger.Where(l => l.Value != 0).OrderBy(l => l.Key), csv.Select(r => KeyValuePair.Create(r.Key, r.Value.Current)).OrderBy(r => r.Key));
        Assert.All(csv.Values, r => Assert.Equal((r.Current, 0m), (r.Draft, r.Difference)));
        var page = await admin.GetStringAsync($"/Admin/Simulator/Runs/{run}");
        var stored = await App.WithDbAsync(db => db.SimulationRuns.SingleAsync(r => r.Id == run));
        Assert.Equal((stored.CurrentEarned, stored.CurrentReversed, stored.CurrentForfeited), (stored.DraftEarned, stored.DraftReversed, stored.DraftForfeited));
        Assert.True(stored.CurrentForfeited < Money.Zero && stored.CurrentReversed < Money.Zero);
        Assert.Equal(ledger.Values.Sum(), stored.CurrentNet.Amount);
        Assert.Null(stored.ApproximateBefore);
        Assert.Contains("Nobody gains under the draft.", page, StringComparison.Ordinal);
        Assert.Contains("Nobody loses under the draft.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"run-approximate\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_with_level_two_at_three_percent_moves_exactly_the_hand_computed_pay()
    {
        App.Clock.Set(new DateTime(2026, 2, 20, 9, 0, 0, DateTimeKind.Utc));
        await PlanAsync(10m, [5m, 5m], compression: false, minimum: 0m);
        await App.CreateProductAsync("A", 100m);
        await App.CreateProductAsync("B", 40m);
        var k = await App.CreateChainAsync(3, "k");
        var d = await App.CreateDistributorAsync("Dora", "dora@example.com", k[2].Code());
        await SaleAsync(March(2), k[2].Id(), "s1", ("A", 1));   // k2 10.00, k1 5.00, k0 5.00
        await SaleAsync(March(3), d.Id(), "s2", ("B", 1));      // Dora 4.00, k2 2.00, k1 2.00
        await SaleAsync(March(4), k[1].Id(), "s3", ("A", 2));   // k1 20.00, k0 10.00
        App.Clock.Set(new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-03")).StatusCode);
        var admin = await App.LoginAsAdminAsync();

        var draft = await App.SaveDraftAsync(admin, "Level 2 at 3%", "10", ["5", "3"]);
        var run = await App.ReplayAsync(admin, draft, "2026-03", "2026-03");

        // By hand: only level 2 pays less, 3% instead of 5%: k0 loses 2% of 100.00, k1 2% of 40.00.
        var csv = Csv(await admin.GetStringAsync($"/Admin/Simulator/Runs/{run}?handler=Csv"));
        Assert.Equal((15.00m, 13.00m, -2.00m), csv[k[0].Id()]);
        Assert.Equal((27.00m, 26.20m, -0.80m), csv[k[1].Id()]);
        Assert.Equal((12.00m, 12.00m, 0m), csv[k[2].Id()]);
        Assert.Equal((4.00m, 4.00m, 0m), csv[d.Id()]);
        Assert.Equal(4, csv.Count);
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/Admin/Simulator/Runs/{run}"));
        Assert.Matches("data-testid=\"total-net\">.*€58\\.00.*€55\\.20.*-€2\\.80", page);
        Assert.Matches("data-testid=\"total-ratio\">.*17\\.06.*16\\.24", page);   // 58.00 and 55.20 of 340.00 sold
        Assert.Matches("(?s)data-testid=\"losers\">.*k 0.*-€2\\.00.*k 1.*-€0\\.80.*</ol>", page);
        Assert.Contains("Nobody gains under the draft.", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chart-pay-distribution\"", page, StringComparison.Ordinal);
        var byLoss = await admin.GetStringAsync($"/Admin/Simulator/Runs/{run}?sort=loss");
        Assert.True(byLoss.IndexOf($"result-{k[0].Id()}", StringComparison.Ordinal) < byLoss.IndexOf($"result-{k[1].Id()}", StringComparison.Ordinal));
        var byGain = await admin.GetStringAsync($"/Admin/Simulator/Runs/{run}");
        Assert.True(byGain.IndexOf($"result-{k[1].Id()}", StringComparison.Ordinal) < byGain.IndexOf($"result-{k[0].Id()}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drafts_are_typed_the_Russian_way_edited_and_deleted_and_open_months_are_refused()
    {
        App.Clock.Set(new DateTime(2026, 3, 5, 9, 0, 0, DateTimeKind.Utc));
        var admin = await App.LoginAsAdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru-RU"));

        var id = await App.SaveDraftAsync(admin, "Щедрый", "12,5", ["5,25", "3"], minimum: "20,50");

        var draft = await App.WithDbAsync(db => db.PlanDrafts.SingleAsync(d => d.Id == id));
        Assert.Equal((1250, 525, 300, 2050L), (draft.PersonalPercent.BasisPoints, draft.Levels[0].BasisPoints, draft.Levels[1].BasisPoints, draft.MinPersonalVolume.Cents));
        var list = await admin.GetStringAsync("/Admin/Simulator");
        Assert.Contains("12,5\u00a0%", WebUtility.HtmlDecode(list), StringComparison.Ordinal);

        var refused = await admin.PostFormAsync("/Admin/Simulator?handler=Save", new() { ["Input.Name"] = "Жадный", ["Input.PersonalPercent"] = "60", ["Input.Levels[0]"] = "50", ["Input.MinPersonalVolume"] = "0" }, "/Admin/Simulator");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("в сумме больше 100", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        await App.SaveDraftAsync(admin, "Щедрее", "15", ["5"], draftId: id);
        var edited = await App.WithDbAsync(db => db.PlanDrafts.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal(("Щедрее", 1500, 1), (edited.Name, edited.PersonalPercent.BasisPoints, edited.Levels.Count));

        var open = await admin.PostFormAsync("/Admin/Simulator?handler=Run", new() { ["Replay.DraftId"] = id.ToString(CultureInfo.InvariantCulture), ["Replay.From"] = "2026-02", ["Replay.To"] = "2026-02" }, "/Admin/Simulator");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.SimulationRuns.CountAsync()));

        var deleted = await admin.PostFormAsync("/Admin/Simulator?handler=Delete", new() { ["id"] = id.ToString(CultureInfo.InvariantCulture) }, "/Admin/Simulator");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.PlanDrafts.AnyAsync()));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "plan-draft.delete")));
    }

    [Fact]
    public async Task Only_admins_open_the_simulator_and_an_unknown_run_is_not_found()
    {
        App.Clock.Set(new DateTime(2026, 3, 5, 9, 0, 0, DateTimeKind.Utc));
        var (recruit, _) = await App.SignUpThroughReferralAsync(null, "Rita", "rita@example.com");

        var response = await recruit.GetAsync("/Admin/Simulator");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        var admin = await App.LoginAsAdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Simulator/Runs/999")).StatusCode);
    }

    [Theory]
    [InlineData(null, "Personal percent must be between 0 and 100.", "Level 2 has more than 2 decimals.")]
    [InlineData("ru-RU", "Значение поля «Личный процент» должно быть от 0 до 100.", "В поле «Уровень 2» больше двух знаков после запятой.")]
    public async Task A_draft_names_every_wrong_box_by_its_label_at_once(string? language, string personal, string level)
    {
        await App.SetPlanAsync(10m, 5m);
        var admin = await App.LoginAsAdminAsync();
        if (language is not null)
        {
            admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        var page = await (await admin.PostFormAsync("/Admin/Simulator?handler=Save", new()
        {
            ["Input.Name"] = "Too generous",
            ["Input.PersonalPercent"] = "101",
            ["Input.Levels[0]"] = "5",
            ["Input.Levels[1]"] = language is null ? "3.5555" : "3,5555",
            ["Input.MinPersonalVolume"] = "0",
        }, "/Admin/Simulator")).TextAsync();

        Assert.Contains(personal, page);
        Assert.Contains(level, page);
        Assert.DoesNotContain("levels[", page);
        Assert.Equal(0, await App.WithDbAsync(db => db.PlanDrafts.CountAsync()));
    }

    [Fact]
    public async Task A_blank_draft_offers_as_many_level_boxes_as_a_copied_plan()
    {
        await App.SetPlanAsync(10m, 5m, 3m, 2m, 1m);
        var admin = await App.LoginAsAdminAsync();

        var copied = await admin.GetStringAsync("/Admin/Simulator");
        var blank = await admin.GetStringAsync("/Admin/Simulator?blank=true");

        Assert.Contains("name=\"Input.Levels[6]\"", copied, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Levels[6]\"", blank, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Levels[7]\"", blank, StringComparison.Ordinal);
    }
}
