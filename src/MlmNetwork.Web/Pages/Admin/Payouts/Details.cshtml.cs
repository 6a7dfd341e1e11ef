using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Payouts;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Payouts;

/// <summary>One payout run: what it pays whom, the payout file, and confirming or cancelling it as a whole.</summary>
public sealed class DetailsModel(MlmDbContext db, PayoutRuns runs, BusinessClock clock, Display show, RuleMessages rules, IStringLocalizer<DetailsModel> t) : PageModel
{
    public PayoutRun Run { get; private set; } = null!;

    public IReadOnlyList<PayoutRunItem> Items { get; private set; } = [];

    public IReadOnlyDictionary<long, Distributor> People { get; private set; } = new Dictionary<long, Distributor>();

    public Pager Pager { get; private set; } = null!;

    public string Today => DateOnly.FromDateTime(clock.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [BindProperty]
    public ConfirmInput Confirm { get; set; } = new();

    [BindProperty]
    [StringLength(500, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "Reason")]
    public string? CancelReason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        var run = await db.PayoutRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return NotFound();
        }

        Run = run;
        (Items, Pager) = await Pager.ReadAsync(db.PayoutRunItems.AsNoTracking().Where(i => i.PayoutRunId == id).OrderBy(i => i.DistributorId), Request, pageNumber, ct);
        var ids = Items.Select(i => i.DistributorId).ToList();
        People = await db.Distributors.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(long id, CancellationToken ct)
    {
        if (!await RunExistsAsync(id, ct))
        {
            return NotFound();
        }

        try
        {
            if (!DateOnly.TryParseExact(Confirm.PaidOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var paidOn))
            {
                throw DomainRuleException.Invalid($"Enter the date the money was paid (yyyy-MM-dd).", "paidOn");
            }

            var run = await runs.ConfirmAsync(id, paidOn, Confirm.Reference ?? string.Empty, User.Actor(), ct);
            TempData["Flash"] = t["Payout run #{0} is confirmed as paid: {1} to {2} distributors.", run.Id, show.Money(run.Total), show.Number(run.ItemCount)].Value;
            return Redirect($"/Admin/Payouts/{id}");
        }
        catch (DomainRuleException e) when (e.Breach != RuleBreach.NotFound)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
            return await OnGetAsync(id, 1, ct);
        }
    }

    public async Task<IActionResult> OnPostCancelAsync(long id, CancellationToken ct)
    {
        if (!await RunExistsAsync(id, ct))
        {
            return NotFound();
        }

        try
        {
            var run = await runs.CancelAsync(id, User.Actor(), CancelReason, ct);
            TempData["Flash"] = t["Payout run #{0} is cancelled; nothing was paid and the balances carry over.", run.Id].Value;
            return Redirect($"/Admin/Payouts/{id}");
        }
        catch (DomainRuleException e) when (e.Breach != RuleBreach.NotFound)
        {
            ModelState.AddModelError(string.Empty, rules.Text(e));
            return await OnGetAsync(id, 1, ct);
        }
    }

    /// <summary>
    /// The payout file: one row per distributor the run pays, for the bank or the payroll tool. Its
    /// column names and values are the same in every language (amounts with a decimal point, months
    /// as yyyy-MM, statuses in English, the currency's ISO code): a bank import maps columns by name
    /// and reads numbers one way, so the file must not change with the admin's language.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(long id, CancellationToken ct)
    {
        var run = await db.PayoutRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return NotFound();
        }

        var rows = await db.PayoutRunItems.AsNoTracking()
            .Where(i => i.PayoutRunId == id)
            .Join(db.Distributors.AsNoTracking(), i => i.DistributorId, d => d.Id, (i, d) => new { i.DistributorId, d.Name, d.Email, i.Amount })
            .OrderBy(r => r.DistributorId)
            .ToListAsync(ct);
        var csv = new StringBuilder("payout_run,up_to,status,distributor_id,name,email,amount,currency\n");
        foreach (var row in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{run.Id},{run.UpTo},{run.Status},{row.DistributorId},{CsvField.Safe(row.Name)},{CsvField.Safe(row.Email)},{row.Amount},{CsvField.Safe(show.CurrencyCode)}\n");
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"payout-run-{run.Id}-{run.UpTo}.csv");
    }

    /// <summary>An unknown run is a 404 for every handler, as for the page itself.</summary>
    private Task<bool> RunExistsAsync(long id, CancellationToken ct) => db.PayoutRuns.AnyAsync(r => r.Id == id, ct);

    public sealed class ConfirmInput
    {
        [Required(ErrorMessage = "The {0} field is required."), Display(Name = "Paid on")]
        public string? PaidOn { get; set; }

        [Required(ErrorMessage = "The {0} field is required."), StringLength(PaymentDetails.ReferenceMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "Bank reference")]
        public string? Reference { get; set; }
    }
}
