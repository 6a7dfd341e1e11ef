using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// The simulator's identity (ADR 016) with the customer share forfeit switched on: a draft identical
/// to the plan in force, typed in the draft form, replays the month's close by the same
/// <see cref="CloseRules"/> and reproduces the real lines, forfeits included, to the cent.
/// </summary>
public class RetailShareSimulatorTests(MlmAppFactory app) : AppTest(app)
{
    private static DateTime March(int day) => new(2026, 3, day, 10, 0, 0, DateTimeKind.Utc);

    private Task<long> SellAsync(DateTime at, long seller, string key, long? customerId, params (string Sku, int Quantity)[] lines)
    {
        App.Clock.Set(at);
        return App.PostSaleToAsync(seller, key, customerId, lines);
    }

    private Task<long> CustomerOfAsync(long distributorId) => App.AddCustomerOfAsync(distributorId, $"Customer of {distributorId}");

    [Fact]
    public async Task A_draft_identical_to_a_plan_that_forfeits_below_the_customer_share_reproduces_the_real_lines_to_the_cent()
    {
        App.Clock.Set(new DateTime(2026, 2, 20, 9, 0, 0, DateTimeKind.Utc));
        using (var api = App.CreateApiClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/v1/commission-plan", new { personalPercent = 10m, levels = new[] { 5m, 3m }, minPersonalVolume = 30m, minCustomerShare = 60.5m, forfeitBelowCustomerShare = true })).StatusCode);
        }

        await App.CreateProductAsync("A", 100m);
        await App.CreateProductAsync("B", 40m);
        var n = await App.CreateChainAsync(4, "n");
        var c1 = await CustomerOfAsync(n[1].Id());
        var c3 = await CustomerOfAsync(n[3].Id());
        var admin = await App.LoginAsAdminAsync();

        await SellAsync(March(2), n[3].Id(), "m1", c3, ("A", 2));         // n3 all to customers; n2 (L1) and n1 (L2) earn
        var partly = await SellAsync(March(3), n[2].Id(), "m2", null, ("A", 1));   // n2 own use only: 0 % to customers
        await SellAsync(March(4), n[1].Id(), "m3", c1, ("A", 1));         // n1 100 % to customers
        await SellAsync(March(5), n[1].Id(), "m4", null, ("B", 1));       // n1: 100 of 140 = 71 %: qualifies
        await SellAsync(March(6), n[0].Id(), "m5", null, ("B", 1));       // n0: 40 of own use: 0 %, keeps level 0, loses downline lines
        App.Clock.Set(March(7));
        using (var api = App.CreateApiClient())
        {
            using var refund = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sales/{partly}/refund") { Content = JsonContent.Create(new { lines = new[] { new { sku = "A", quantity = 1 } } }) };
            refund.Headers.Add("Idempotency-Key", "r1");
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(refund)).StatusCode);   // n2's volume back to 0: the volume rule takes the rest
        }

        App.Clock.Set(new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-03")).StatusCode);
        var forfeits = await App.WithDbAsync(db => db.CommissionLines.AsNoTracking().Where(l => l.Kind == CommissionLineKind.Forfeit).ToListAsync());
        Assert.Contains(forfeits, f => f.Reason!.StartsWith("Customer share", StringComparison.Ordinal) && f.BeneficiaryId == n[0].Id());
        Assert.Contains(forfeits, f => f.Reason!.StartsWith("Personal volume", StringComparison.Ordinal) && f.BeneficiaryId == n[2].Id());
        var ledger = await App.WithDbAsync(async db =>
        {
            var start = March(1).Date;
            var march = db.Sales.Where(s => s.CreatedAt >= start && s.CreatedAt < start.AddMonths(1)).Select(s => s.Id);
            var lines = await db.CommissionLines.Where(l => march.Contains(l.SaleId)).Select(l => new { l.BeneficiaryId, l.Amount }).ToListAsync();
            return lines.GroupBy(l => l.BeneficiaryId).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount.Amount));
        });

        // The new-draft form starts as a copy of the plan in force, customer share included; saved as it comes.
        var form = await admin.GetStringAsync("/Admin/Simulator");
        Assert.Contains("value=\"60.5\"", form, StringComparison.Ordinal);
        var saved = await admin.PostFormAsync("/Admin/Simulator?handler=Save", new()
        {
            ["Input.Name"] = "Same", ["Input.PersonalPercent"] = "10", ["Input.Levels[0]"] = "5", ["Input.Levels[1]"] = "3", ["Input.MinPersonalVolume"] = "30",
            ["Input.MinCustomerShare"] = "60.5", ["Input.ForfeitBelowCustomerShare"] = "true",
        }, "/Admin/Simulator");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await App.WithDbAsync(db => db.PlanDrafts.SingleAsync(d => d.Name == "Same"));
        Assert.Equal((6050, true), (draft.MinCustomerShare?.BasisPoints, draft.ForfeitBelowCustomerShare));
        var run = await App.ReplayAsync(admin, draft.Id, "2026-03", "2026-03");

        var stored = await App.WithDbAsync(db => db.SimulationRuns.SingleAsync(r => r.Id == run));
        Assert.Equal((stored.CurrentEarned, stored.CurrentReversed, stored.CurrentForfeited), (stored.DraftEarned, stored.DraftReversed, stored.DraftForfeited));
        Assert.Equal(forfeits.Sum(f => f.Amount.Amount), stored.CurrentForfeited.Amount);
        Assert.Equal(ledger.Values.Sum(), stored.DraftNet.Amount);
        var csv = (await admin.GetStringAsync($"/Admin/Simulator/Runs/{run}?handler=Csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(','));
        Assert.All(csv, f => Assert.Equal(f[3], f[4]));

        // The same draft without the switch pays n0 their downline lines back: the difference is exactly the share forfeits.
        var flagged = await admin.PostFormAsync("/Admin/Simulator?handler=Save", new()
        {
            ["Input.Name"] = "Flag only", ["Input.PersonalPercent"] = "10", ["Input.Levels[0]"] = "5", ["Input.Levels[1]"] = "3", ["Input.MinPersonalVolume"] = "30",
            ["Input.MinCustomerShare"] = "60.5",
        }, "/Admin/Simulator");
        Assert.Equal(HttpStatusCode.Redirect, flagged.StatusCode);
        var second = await App.ReplayAsync(admin, await App.WithDbAsync(db => db.PlanDrafts.Where(d => d.Name == "Flag only").Select(d => d.Id).SingleAsync()), "2026-03", "2026-03");
        var other = await App.WithDbAsync(db => db.SimulationRuns.SingleAsync(r => r.Id == second));
        var byShare = forfeits.Where(f => f.Reason!.StartsWith("Customer share", StringComparison.Ordinal)).Sum(f => f.Amount.Amount);
        Assert.Equal(stored.DraftForfeited.Amount - byShare, other.DraftForfeited.Amount);
        Assert.True(byShare < 0m);
    }
}
