using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Sales;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>The sales list's filters as typed in the page's form or the API's query string.</summary>
/// <param name="Month">yyyy-MM; takes the place of From and To.</param>
/// <param name="From">yyyy-MM-dd, the first day (UTC).</param>
/// <param name="To">yyyy-MM-dd, the last day (UTC), included.</param>
/// <param name="Distributor">The seller: an id, or part of a name or e-mail.</param>
/// <param name="Status">NotRefunded, PartlyRefunded or Refunded.</param>
public sealed record SaleListInput(string? Month = null, string? From = null, string? To = null, string? Distributor = null, string? Status = null);

/// <summary>A filter that cannot be read: the field and the message (an English template and its values, translated where shown).</summary>
public sealed record SaleListProblem(string Field, string Template, params object[] Values)
{
    public string English => string.Format(CultureInfo.InvariantCulture, Template, Values);
}

/// <summary>The filter to run, the sellers the distributor text matched, and what could not be read.</summary>
public sealed record SaleListQuery(SaleFilter Filter, IReadOnlyList<Distributor>? Sellers, IReadOnlyList<SaleListProblem> Problems)
{
    /// <summary>At most this many sellers may match a name; more must be narrowed down.</summary>
    public const int MaxSellers = 50;

    public bool Valid => Problems.Count == 0;

    /// <summary>Reads the filters one way for the page, its CSV and the API.</summary>
    public static async Task<SaleListQuery> ReadAsync(MlmDbContext db, SaleListInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<SaleListProblem>();
        DateTime? from = null;
        DateTime? until = null;
        if (!string.IsNullOrWhiteSpace(input.Month))
        {
            try
            {
                var period = Period.Parse(input.Month.Trim());
                (from, until) = (period.StartsAt, period.EndsAt);
            }
            catch (DomainRuleException)
            {
                problems.Add(new("month", "'{0}' is not a month; use yyyy-MM, for example 2026-11.", Shown(input.Month)));
            }
        }
        else
        {
            from = Day(input.From, "from", problems);
            until = Day(input.To, "to", problems)?.AddDays(1);
            if (from is not null && until is not null && until <= from)
            {
                problems.Add(new("to", "The last day comes before the first."));
            }
        }

        SaleRefundState? state = null;
        if (!string.IsNullOrWhiteSpace(input.Status))
        {
            if (Enum.TryParse<SaleRefundState>(input.Status.Trim(), ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(input.Status.Trim()[0]))
            {
                state = parsed;
            }
            else
            {
                problems.Add(new("status", "'{0}' is not a refund status; use NotRefunded, PartlyRefunded or Refunded.", Shown(input.Status)));
            }
        }

        List<Distributor>? sellers = null;
        if (!string.IsNullOrWhiteSpace(input.Distributor))
        {
            sellers = await DistributorSearch.Matching(db.Distributors.AsNoTracking().Where(d => !d.IsHouse), input.Distributor)
                .OrderBy(d => d.Id).Take(MaxSellers + 1).ToListAsync(ct);
            if (sellers.Count > MaxSellers)
            {
                problems.Add(new("distributor", "More than {0} distributors match '{1}'; type more of the name or e-mail, or the id.", MaxSellers, Shown(input.Distributor)));
            }
        }

        return new SaleListQuery(new SaleFilter(from, until, sellers?.Select(s => s.Id).ToList(), state), sellers, problems);
    }

    private static DateTime? Day(string? text, string field, List<SaleListProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= Period.FirstYear and <= Period.LastYear)
        {
            return day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        problems.Add(new(field, "'{0}' is not a date; use yyyy-MM-dd, for example 2026-11-27.", Shown(text)));
        return null;
    }

    private static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
