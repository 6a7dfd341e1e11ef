using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Tests;

public class PayoutRunTests(MlmAppFactory app) : AppTest(app)
{
    private static readonly DateTime September = new(2026, 9, 15, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime October = new(2026, 10, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime November = new(2026, 11, 3, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>A sponsor and a seller; the plan pays 10% personal and 5% to level 1; product A costs 100.00.</summary>
    private async Task<(JsonElement Sponsor, JsonElement Seller)> NetworkAsync()
    {
        App.Clock.Set(September.AddDays(-20));
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var sponsor = await App.CreateDistributorAsync("Sponsor", "sponsor@example.com", null);
        var seller = await App.CreateDistributorAsync("Seller", "seller@example.com", sponsor.Code());
        return (sponsor, seller);
    }

    private static decimal ItemFor(JsonElement run, JsonElement distributor) =>
        run.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("distributorId").GetInt64() == distributor.Id()).Select(i => i.GetProperty("amount").GetDecimal()).SingleOrDefault();

    private Task<decimal> PaidToAsync(long distributorId) =>
        App.WithDbAsync(async db => (await db.Payouts.Where(p => p.DistributorId == distributorId).Select(p => p.Amount).ToListAsync()).Sum(m => m.Amount));

    [Fact]
    public async Task A_carried_balance_is_paid_once_whatever_the_order_of_the_runs()
    {
        var (sponsor, seller) = await NetworkAsync();
        App.Clock.Set(September);
        await App.PostSaleAsync(seller.Id(), "sep", ("A", 3)); // seller 30.00, sponsor 15.00
        App.Clock.Set(October);
        await App.ClosePeriodAsync("2026-09");
        await App.PostSaleAsync(seller.Id(), "oct", ("A", 2)); // seller 20.00, sponsor 10.00
        App.Clock.Set(November);
        await App.ClosePeriodAsync("2026-10");

        // September is paid late, after October closed: the run up to September pays September only.
        var first = await App.PayUpToAsync("2026-09", "2026-11-03");
        Assert.Equal((30.00m, 15.00m, 45.00m), (ItemFor(first, seller), ItemFor(first, sponsor), first.GetProperty("total").GetDecimal()));
        var second = await App.PayUpToAsync("2026-10", "2026-11-03");
        Assert.Equal((20.00m, 10.00m), (ItemFor(second, seller), ItemFor(second, sponsor)));

        var again = await App.ProposePayoutRunAsync("2026-10");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("there is nothing to pay", await again.Content.ReadAsStringAsync());
        Assert.Equal((50.00m, 0m), (await PaidToAsync(seller.Id()), await App.BalanceOfAsync(seller.Id())));
        Assert.Equal((25.00m, 0m), (await PaidToAsync(sponsor.Id()), await App.BalanceOfAsync(sponsor.Id())));

        App.Clock.Set(new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc));
        var november = (await (await App.ClosePeriodAsync("2026-11")).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(s => s.GetProperty("distributorId").GetInt64() == seller.Id());
        Assert.Equal((50.00m, 0m, 50.00m, 0m), (november.GetProperty("opening").GetDecimal(), november.GetProperty("earned").GetDecimal(), november.GetProperty("paid").GetDecimal(), november.GetProperty("closing").GetDecimal()));
        var admin = await App.LoginAsAdminAsync();
        Assert.Contains("The ledger holds: no breach.", await (await admin.PostFormAsync("/Admin/Ledger", [])).TextAsync());
    }

    [Fact]
    public async Task Balances_below_the_minimum_and_negative_balances_carry_over()
    {
        var (sponsor, seller) = await NetworkAsync();
        App.Clock.Set(September);
        await App.PostSaleAsync(seller.Id(), "sep", ("A", 1)); // seller 10.00, sponsor 5.00
        App.Clock.Set(October);
        await App.ClosePeriodAsync("2026-09");
        var admin = await App.LoginAsAdminAsync();
        var saved = await admin.PostFormAsync("/Admin/Settings", new() { ["MinimumPayout"] = "7,50" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var run = await (await App.ProposePayoutRunAsync("2026-09")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal((10.00m, 0m, 1, 7.50m), (ItemFor(run, seller), ItemFor(run, sponsor), run.GetProperty("count").GetInt32(), run.GetProperty("minimumPayout").GetDecimal()));
        Assert.Equal(HttpStatusCode.OK, (await App.ConfirmPayoutRunAsync(run.Id(), "2026-10-02")).StatusCode);

        // The refund takes the paid 10.00 back: the seller owes it, and a run pays them nothing until it is recovered.
        var saleId = await App.WithDbAsync(db => db.Sales.Select(s => s.Id).SingleAsync());
        await App.RefundAsync(saleId, "refund");
        App.Clock.Set(November);
        await App.ClosePeriodAsync("2026-10");
        Assert.Equal(-10.00m, await App.BalanceOfAsync(seller.Id()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await App.ProposePayoutRunAsync("2026-10")).StatusCode);
        Assert.Equal(10.00m, await PaidToAsync(seller.Id()));
    }

    [Fact]
    public async Task A_run_is_confirmed_or_cancelled_once_and_only_one_is_open()
    {
        var (_, seller) = await NetworkAsync();
        App.Clock.Set(September);
        await App.PostSaleAsync(seller.Id(), "sep", ("A", 2));
        App.Clock.Set(October);
        await App.ClosePeriodAsync("2026-09");
        using var api = App.CreateApiClient();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await App.ProposePayoutRunAsync("2026-10")).StatusCode); // not closed
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await App.ProposePayoutRunAsync("September")).StatusCode);
        var first = await (await App.ProposePayoutRunAsync("2026-09")).Content.ReadFromJsonAsync<JsonElement>();
        var overlapping = await App.ProposePayoutRunAsync("2026-09");
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal("application/problem+json", overlapping.ContentType()?.MediaType);

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/v1/payout-runs/{first.Id()}/cancel", new { reason = "wrong month" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await App.ConfirmPayoutRunAsync(first.Id(), "2026-10-02")).StatusCode);
        Assert.Equal(0m, await PaidToAsync(seller.Id()));

        var second = await (await App.ProposePayoutRunAsync("2026-09")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await App.ConfirmPayoutRunAsync(second.Id(), "2026-09-30")).StatusCode); // before the month ended
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await App.ConfirmPayoutRunAsync(second.Id(), "2026-10-02", "")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.ConfirmPayoutRunAsync(second.Id(), "2026-10-02")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await App.ConfirmPayoutRunAsync(second.Id(), "2026-10-02")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync($"/api/v1/payout-runs/{second.Id()}/cancel", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/payout-runs/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.ConfirmPayoutRunAsync(999999, "2026-10-02")).StatusCode);

        var shown = await api.GetFromJsonAsync<JsonElement>($"/api/v1/payout-runs/{second.Id()}");
        Assert.Equal(("Confirmed", 30.00m, "BANK-1"), (shown.GetProperty("status").GetString(), shown.GetProperty("total").GetDecimal(), shown.GetProperty("reference").GetString()));
        Assert.Equal(20.00m, await PaidToAsync(seller.Id()));
        Assert.Equal(0, App.ServerErrors);
    }

    [Fact]
    public async Task A_refund_between_proposal_and_confirmation_stops_the_confirmation()
    {
        var (_, seller) = await NetworkAsync();
        App.Clock.Set(September);
        await App.PostSaleAsync(seller.Id(), "sep", ("A", 2));
        App.Clock.Set(October);
        await App.ClosePeriodAsync("2026-09");
        var run = await (await App.ProposePayoutRunAsync("2026-09")).Content.ReadFromJsonAsync<JsonElement>();

        await App.RefundAsync(await App.WithDbAsync(db => db.Sales.Select(s => s.Id).SingleAsync()), "refund");
        var confirmed = await App.ConfirmPayoutRunAsync(run.Id(), "2026-10-02");

        Assert.Equal(HttpStatusCode.Conflict, confirmed.StatusCode);
        Assert.Contains("would pay more than is owed", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(0m, await PaidToAsync(seller.Id()));
        Assert.Equal(0, await App.WithDbAsync(db => db.Payouts.CountAsync()));
    }

    [Fact]
    public async Task Twenty_admins_paying_at_once_never_pay_more_than_was_earned()
    {
        var (sponsor, seller) = await NetworkAsync();
        App.Clock.Set(September);
        await App.PostSaleAsync(seller.Id(), "sep", ("A", 7)); // seller 70.00, sponsor 35.00
        App.Clock.Set(October);
        await App.ClosePeriodAsync("2026-09");

        // Each of 20 clients proposes a run and confirms whatever run is open, at the same moment.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var api = App.CreateApiClient();
            var proposed = await api.PostAsJsonAsync("/api/v1/payout-runs", new { upTo = "2026-09" });
            var open = await App.WithDbAsync(db => db.PayoutRuns.Where(r => r.Status == PayoutRunStatus.Proposed).Select(r => (long?)r.Id).FirstOrDefaultAsync());
            var confirmed = open is { } id
                ? await api.PostAsJsonAsync($"/api/v1/payout-runs/{id}/confirm", new { paidOn = "2026-10-02", reference = $"BANK-{i}" })
                : null;
            return (Proposed: proposed.StatusCode, Confirmed: confirmed?.StatusCode);
        }));

        Assert.All(outcomes, o => Assert.Contains(o.Proposed, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity }));
        Assert.All(outcomes.Where(o => o.Confirmed is not null), o => Assert.Contains(o.Confirmed!.Value, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal((70.00m, 35.00m), (await PaidToAsync(seller.Id()), await PaidToAsync(sponsor.Id())));
        Assert.Equal(1, await App.WithDbAsync(db => db.PayoutRuns.CountAsync(r => r.Status == PayoutRunStatus.Confirmed)));
        Assert.Equal(0, App.ServerErrors);

        // And 20 confirmations of one open run: one pays, nineteen are told it is already confirmed.
        App.Clock.Set(November);
        await App.PostSaleAsync(seller.Id(), "nov", ("A", 2));
        await App.ClosePeriodAsync("2026-10");
        App.Clock.Set(new DateTime(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc));
        await App.ClosePeriodAsync("2026-11");
        var run = await (await App.ProposePayoutRunAsync("2026-11")).Content.ReadFromJsonAsync<JsonElement>();
        var confirmations = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => App.ConfirmPayoutRunAsync(run.Id(), "2026-12-02", $"BANK-X{i}")));
        Assert.Equal(1, confirmations.Count(c => c.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, confirmations.Count(c => c.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal((90.00m, 45.00m), (await PaidToAsync(seller.Id()), await PaidToAsync(sponsor.Id())));
    }

    [Fact]
    public async Task An_admin_proposes_exports_and_confirms_a_run_in_the_browser()
    {
        App.Clock.Set(September.AddDays(-20));
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var sponsor = await App.CreateDistributorAsync("Sponsor", "sponsor@example.com", null);
        var (browser, seller) = await App.SignUpThroughReferralAsync(sponsor.Code(), "=HYPERLINK(\"http://evil\")", "seller@example.com");
        App.Clock.Set(September);
        await App.PostSaleAsync(seller.Id(), "sep", ("A", 3));
        App.Clock.Set(October);
        var admin = await App.LoginAsAdminAsync();
        await admin.PostFormAsync("/Admin/Periods?handler=Close", new() { ["period"] = "2026-09" }, "/Admin/Periods");

        var proposed = await admin.PostFormAsync("/Admin/Payouts?handler=Propose", new() { ["UpTo"] = "2026-09" }, "/Admin/Payouts");
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var runPage = proposed.Headers.Location!.OriginalString;
        var page = await (await admin.GetAsync(runPage)).TextAsync();
        Assert.Contains("data-testid=\"run-total\">€45.00<", page);
        Assert.Contains("data-testid=\"run-status\">Proposed<", page);
        var runId = long.Parse(runPage.Split('/')[^1], CultureInfo.InvariantCulture);
        var csv = await (await admin.GetAsync($"{runPage}?handler=Csv")).Content.ReadAsStringAsync();
        Assert.Equal(
            $"payout_run,up_to,status,distributor_id,name,email,amount,currency\n{runId},2026-09,Proposed,{sponsor.Id()},\"Sponsor\",\"sponsor@example.com\",15.00,\"EUR\"\n{runId},2026-09,Proposed,{seller.Id()},\"'=HYPERLINK(\"\"http://evil\"\")\",\"seller@example.com\",30.00,\"EUR\"\n",
            csv);

        var badDate = await admin.PostFormAsync($"{runPage}?handler=Confirm", new() { ["Confirm.PaidOn"] = "02.10.2026", ["Confirm.Reference"] = "BANK-9" }, runPage);
        Assert.Contains("Enter the date the money was paid", await badDate.TextAsync());
        var confirmed = await admin.PostFormAsync($"{runPage}?handler=Confirm", new() { ["Confirm.PaidOn"] = "2026-10-02", ["Confirm.Reference"] = "BANK-9" }, runPage);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("data-testid=\"run-status\">Confirmed<", await (await admin.GetAsync(runPage)).TextAsync());
        Assert.DoesNotContain("confirm-form", await (await admin.GetAsync(runPage)).TextAsync());

        var statements = await (await browser.GetAsync("/Statements")).TextAsync();
        Assert.Contains("BANK-9", statements);
        Assert.Contains("data-testid=\"balance\">€0.00<", statements);
        var audit = await (await admin.GetAsync("/Admin/Audit")).TextAsync();
        Assert.Contains("payout-run.propose", audit);
        Assert.Contains("payout-run.confirm", audit);
        Assert.Equal(0, App.ServerErrors);
    }

    [Theory]
    [InlineData("Confirm")]
    [InlineData("Cancel")]
    public async Task Confirming_or_cancelling_an_unknown_run_in_the_browser_is_not_found(string handler)
    {
        var admin = await App.LoginAsAdminAsync();

        var response = await admin.PostFormAsync($"/Admin/Payouts/999999?handler={handler}", new() { ["Confirm.PaidOn"] = "2026-10-02", ["Confirm.Reference"] = "BANK-9", ["CancelReason"] = "no such run" }, "/Admin/Payouts");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Payouts/999999")).StatusCode);
        Assert.Equal(0, App.ServerErrors);
    }

    [Fact]
    public async Task The_ledger_check_reports_a_payout_above_what_was_earned()
    {
        var (_, seller) = await NetworkAsync();
        App.Clock.Set(September);
        await App.PostSaleAsync(seller.Id(), "sep", ("A", 2));
        App.Clock.Set(October);
        await App.ClosePeriodAsync("2026-09");
        await App.PayUpToAsync("2026-09", "2026-10-02");

        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE payouts SET amount_cents = amount_cents + 1 WHERE distributor_id = {0}", seller.Id()));
        var admin = await App.LoginAsAdminAsync();
        var report = await (await admin.PostFormAsync("/Admin/Ledger", [])).TextAsync();

        Assert.Contains("never paid more than earned", report);
        Assert.Contains("payout runs pay their items once", report);
    }

    [Fact]
    public async Task The_ledger_check_reports_a_statement_whose_paid_column_disagrees_with_the_payouts()
    {
        var (_, seller) = await NetworkAsync();
        App.Clock.Set(September);
        await App.PostSaleAsync(seller.Id(), "sep", ("A", 2));
        App.Clock.Set(October);
        await App.ClosePeriodAsync("2026-09");
        await App.PayUpToAsync("2026-09", "2026-10-02");
        App.Clock.Set(November);
        await App.ClosePeriodAsync("2026-10");
        var admin = await App.LoginAsAdminAsync();
        Assert.Contains("The ledger holds: no breach.", await (await admin.PostFormAsync("/Admin/Ledger", [])).TextAsync());

        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE statements SET paid_cents = 0 WHERE period_key = 202610 AND distributor_id = {0}", seller.Id()));
        var report = await (await admin.PostFormAsync("/Admin/Ledger", [])).TextAsync();

        Assert.Contains("statements follow on", report);
        Assert.Contains("shows €0.00 paid", report);
    }
}
