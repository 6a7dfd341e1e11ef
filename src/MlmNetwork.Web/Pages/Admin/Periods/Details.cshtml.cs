using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Periods;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Periods;

/// <summary>A closed period's statements: record payouts against them and export the payout file.</summary>
public sealed class DetailsModel(MlmDbContext db, BusinessClock clock) : PageModel
{
    public CommissionPeriod Closed { get; private set; } = null!;

    public IReadOnlyList<StatementView> Rows { get; private set; } = [];

    public IReadOnlyDictionary<long, string> Names { get; private set; } = new Dictionary<long, string>();

    public Pager Pager { get; private set; } = null!;

    public string Today => DateOnly.FromDateTime(clock.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(int key, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken ct = default)
    {
        var closed = await db.CommissionPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, ct);
        if (closed is null)
        {
            return NotFound();
        }

        Closed = closed;
        (var statements, Pager) = await Pager.ReadAsync(db.Statements.AsNoTracking().Where(s => s.PeriodKey == key).OrderBy(s => s.DistributorId), Request, pageNumber, ct);
        Rows = await StatementQueries.WithPaymentsAsync(db, statements, ct);
        var ids = statements.Select(s => s.DistributorId).ToList();
        Names = await db.Distributors.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return Page();
    }

    /// <summary>Records a payment against a statement: never more than is still due on it.</summary>
    public async Task<IActionResult> OnPostPayoutAsync(int key, PayoutInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var statement = await db.Statements.FirstOrDefaultAsync(s => s.Id == input.StatementId && s.PeriodKey == key, ct);
        if (statement is null)
        {
            return NotFound();
        }

        try
        {
            if (!ModelState.IsValid || input.Amount is null || input.PaidOn is null)
            {
                throw DomainRuleException.Invalid("Enter an amount, the date it was paid and a reference.");
            }

            var view = (await StatementQueries.WithPaymentsAsync(db, [statement], ct))[0];
            var amount = Money.FromAmount(input.Amount.Value, "amount");
            if (amount > view.Due)
            {
                throw DomainRuleException.Invalid($"Only {view.Due} is due on this statement.", "amount");
            }

            var now = clock.UtcNow;
            var payout = Payout.Record(statement, amount, input.PaidOn.Value, input.Reference ?? string.Empty, now, User.Actor());
            db.Payouts.Add(payout);
            db.Audit(User.Actor(), "payout.record", $"statement {statement.Id}", $"distributor {statement.DistributorId}: {amount} on {payout.PaidOn:yyyy-MM-dd}, ref {payout.Reference}", now);
            await db.SaveChangesAsync(ct);
            TempData["Flash"] = $"Recorded a payout of {amount} to distributor #{statement.DistributorId}.";
            return Redirect($"/Admin/Periods/Details/{key}");
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return await OnGetAsync(key, 1, ct);
        }
    }

    /// <summary>The payout file: one row per statement with money still due, for the bank or the payroll tool.</summary>
    public async Task<IActionResult> OnGetCsvAsync(int key, CancellationToken ct)
    {
        if (!await db.CommissionPeriods.AnyAsync(p => p.Key == key, ct))
        {
            return NotFound();
        }

        var statements = await db.Statements.AsNoTracking().Where(s => s.PeriodKey == key).OrderBy(s => s.DistributorId).ToListAsync(ct);
        var views = await StatementQueries.WithPaymentsAsync(db, statements, ct);
        var people = await db.Distributors.AsNoTracking()
            .Where(d => db.Statements.Any(s => s.PeriodKey == key && s.DistributorId == d.Id))
            .ToDictionaryAsync(d => d.Id, ct);
        var csv = new StringBuilder("period,statement_id,distributor_id,name,email,amount_due\n");
        foreach (var view in views.Where(v => v.Due > Money.Zero))
        {
            var person = people[view.Statement.DistributorId];
            csv.Append(CultureInfo.InvariantCulture, $"{Period.FromKey(key)},{view.Statement.Id},{person.Id},{Csv(person.Name)},{Csv(person.Email)},{view.Due}\n");
        }

        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"payouts-{Period.FromKey(key)}.csv");
    }

    /// <summary>Quotes a field, and defuses a leading =, +, - or @ so a spreadsheet never runs it as a formula.</summary>
    private static string Csv(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public sealed class PayoutInput
    {
        public long StatementId { get; set; }

        [Required]
        public decimal? Amount { get; set; }

        [Required]
        public DateOnly? PaidOn { get; set; }

        [Required, StringLength(Payout.ReferenceMaxLength)]
        public string? Reference { get; set; }
    }
}
