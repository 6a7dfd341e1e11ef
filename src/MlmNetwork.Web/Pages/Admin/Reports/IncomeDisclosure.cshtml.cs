using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Reports;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Pages.Admin.Reports;

/// <summary>
/// The admin chooses a range of closed months, previews its income disclosure and publishes it
/// (<see cref="IncomeDisclosures"/>); the public page then shows that snapshot.
/// </summary>
public sealed class IncomeDisclosureModel(MlmDbContext db, IncomeDisclosures disclosures, RuleMessages rules, Display show, IStringLocalizer<IncomeDisclosureModel> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The preview of the chosen range, exactly as it would be published (withheld figures too); null when it could not be generated (the errors say why) or no month is closed yet.</summary>
    public DisclosedIncome? Preview { get; private set; }

    public PublishedDisclosure? Published { get; private set; }

    /// <summary>Each year with closed months, and its first and last closed month.</summary>
    public IReadOnlyList<(int Year, Period First, Period Last)> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Years.Count == 0)
        {
            return;
        }

        if (From is null && To is null)
        {
            // The last twelve closed months, or all of them when fewer.
            var last = Years[0].Last;
            var first = last.FirstOfTwelve();
            var earliest = Years[^1].First;
            (From, To) = ((first < earliest ? earliest : first).ToString(), last.ToString());
        }

        if (Range() is { } range)
        {
            try
            {
                Preview = await disclosures.PreviewAsync(range.From, range.To, ct);
            }
            catch (DomainRuleException e)
            {
                ModelState.AddModelError(e.Field ?? string.Empty, rules.Text(e));
            }
        }
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (Range() is not { } range)
        {
            await LoadAsync(ct);
            return Page();
        }

        try
        {
            var published = await disclosures.PublishAsync(range.From, range.To, User.Actor(), ct);
            TempData["Flash"] = text["Published the income disclosure of {0} to {1}: the public page shows it now.", show.Month(published.From), show.Month(published.To)].Value;
            return RedirectToPage(new { from = range.From.ToString(), to = range.To.ToString() });
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError(e.Field ?? string.Empty, rules.Text(e));
            await LoadAsync(ct);
            return Page();
        }
    }

    /// <summary>The preview as CSV, as the public page's CSV is written.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (Range() is not { } range)
        {
            return BadRequest();
        }

        try
        {
            var disclosure = await disclosures.PreviewAsync(range.From, range.To, ct);
            return DisclosureCsv.Of(disclosure, null, show.CurrencyCode).Download($"income-disclosure-{range.From}-{range.To}-preview.csv");
        }
        catch (DomainRuleException e)
        {
            return BadRequest(rules.Text(e));
        }
    }

    public string? ErrorOf(string field) => ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private (Period From, Period To)? Range()
    {
        Period? from = Read(From, "from"), to = Read(To, "to");
        return from is { } f && to is { } t ? (f, t) : null;
    }

    private Period? Read(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ModelState.AddModelError(field, text["Choose a month."].Value);
            return null;
        }

        return MonthField.Read(value, field, ModelState, rules);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Published = await db.PublishedDisclosures.AsNoTracking().SingleOrDefaultAsync(ct);
        var closed = await db.CommissionPeriods.AsNoTracking().Select(p => p.Key).ToListAsync(ct);
        Years = [.. closed.Select(Period.FromKey).GroupBy(p => p.Year).OrderByDescending(g => g.Key).Select(g => (g.Key, g.Min(), g.Max()))];
    }
}
