using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Api;

// Input models: what a caller may send, never an entity (no overposting).
/// <summary>A new product.</summary>
public sealed record ProductInput(
    [property: Required, Description("The product's code, unique; 1 to 40 characters.")] string? Sku,
    [property: Required, Description("The product's name as distributors and customers see it.")] string? Name,
    [property: Required, Description("The price in the currency's major unit, at most 2 decimals (12.34).")] decimal? Price,
    [property: Description("The part of the price commissions are computed on; the price when left out.")] decimal? CommissionBase);

/// <summary>A new plan version; <see cref="EffectiveFrom"/> is an ISO 8601 date-time (UTC unless it names an offset), now when absent.</summary>
public sealed record CommissionPlanInput(
    [property: Required, Description("Percent of the base paid to the seller (level 0), at most 2 decimals.")] decimal? PersonalPercent,
    [property: Required, Description("Percent paid to each level above the seller: levels[0] to the sponsor (level 1), levels[1] to the sponsor's sponsor, ...")] IReadOnlyList<decimal>? Levels,
    [property: Description("With compression, ancestors who are not Active are skipped and the next Active one takes the level; false when left out.")] bool? Compression,
    [property: Description("The personal volume a distributor needs in a month to keep that month's commissions; 0 (none) when left out.")] decimal? MinPersonalVolume,
    [property: Description("When the version comes into force: an ISO 8601 date-time, UTC unless it names an offset; now when left out.")] string? EffectiveFrom = null,
    [property: Description("The least share (percent, 0 to 100, at most 2 decimals) of a distributor's personal volume of a month sold to customers to qualify for that month's downline commissions; none when left out or 0. The retail report flags everyone below it.")] decimal? MinCustomerShare = null,
    [property: Description("When true, the month's close forfeits the downline commissions (levels 1 and up) of distributors below minCustomerShare; false (only flagged) when left out. Needs minCustomerShare.")] bool? ForfeitBelowCustomerShare = null);

/// <summary>A new distributor, placed under the sponsor the referral code names (the company when left out).</summary>
public sealed record DistributorInput(
    [property: Required, Description("The e-mail address, unique.")] string? Email,
    [property: Required, Description("The full name.")] string? Name,
    [property: Description("The sponsor's referral code (8 characters); the distributor goes directly under the company when left out.")] string? SponsorReferralCode);

public sealed record SaleLineInput(
    [property: Required, Description("The product's SKU.")] string? Sku,
    [property: Required, Description("How many, 1 to 10,000.")] int? Quantity);

/// <summary>A sale by an Active distributor: to one of their customers, or for their personal use.</summary>
public sealed record SaleInput(
    [property: Required, Description("The seller's id.")] long? DistributorId,
    [property: Required, Description("1 to 100 lines of product and quantity.")] IReadOnlyList<SaleLineInput>? Lines,
    [property: Description("Your own reference for the sale (an order number), up to 100 characters.")] string? ExternalId,
    [property: Description(SaleKindText.Customer)] long? CustomerId = null,
    [property: Description(SaleKindText.PersonalUse)] bool? PersonalUse = null);

/// <summary>How the API describes a sale's kind, the same for a single sale and a batch row.</summary>
internal static class SaleKindText
{
    public const string Customer = "The id of one of the seller's customers the sale is to (retail). Leave out for personal use.";

    public const string PersonalUse = "true: the sale is for the seller's personal use. Give either customerId or personalUse: true, not both (422). With neither the sale is recorded as personal use, as before sales had a kind.";

    /// <summary>The customer a sale is to, or null for personal use; both given is refused.</summary>
    public static long? CustomerOf(long? customerId, bool? personalUse, string field)
    {
        if (customerId is not null && personalUse == true)
        {
            throw DomainRuleException.Invalid($"A sale is either to a customer or for personal use, not both: give customerId or personalUse, not both.", field);
        }

        return customerId;
    }
}

public sealed record StatusInput(
    [property: Required, Description("Exactly Active, Inactive or Terminated. Termination is final.")] string? Status,
    [property: Description("Why, for the audit log.")] string? Reason);

public sealed record RefundLineInput(
    [property: Required, Description("The SKU of a line of the sale.")] string? Sku,
    [property: Required, Description("How many of it to refund, at most what remains.")] int? Quantity);

/// <summary>A refund: the whole sale, or only the quantities named in <see cref="Lines"/>; the reason goes to the audit log.</summary>
public sealed record RefundInput(
    [property: Description("The quantities to refund; everything that remains of the sale when left out.")] IReadOnlyList<RefundLineInput?>? Lines,
    [property: Description("Why, for the audit log.")] string? Reason);

public sealed record BatchSaleInput(
    [property: Required, Description("The seller's id.")] long? DistributorId,
    [property: Required, Description("1 to 100 lines of product and quantity.")] IReadOnlyList<SaleLineInput>? Lines,
    [property: Description("Your own reference for the sale, up to 100 characters.")] string? ExternalId,
    [property: Description("This sale's own idempotency key: a sale already posted under it (by any path) is not posted again. Made from the batch's key and the row when left out.")] string? IdempotencyKey,
    [property: Description(SaleKindText.Customer)] long? CustomerId = null,
    [property: Description(SaleKindText.PersonalUse)] bool? PersonalUse = null);

public sealed record BatchInput(
    [property: Required, Description("Up to 10,000 sales, posted all together or not at all.")] IReadOnlyList<BatchSaleInput?>? Sales);

public sealed record BatchDto(string BatchKey, int Posted, int CommissionLines, decimal TotalBase);

// Output models: the stable public contract of PRODUCT.md.
public sealed record ProductDto(long Id, string Sku, string Name, decimal Price, decimal CommissionBase, bool Active)
{
    public static ProductDto From(Product p) => new(p.Id, p.Sku, p.Name, p.Price.Amount, p.CommissionBase.Amount, p.IsActive);
}

public sealed record CommissionPlanDto(int Version, decimal PersonalPercent, IReadOnlyList<decimal> Levels, bool Compression, decimal MinPersonalVolume, DateTime EffectiveFrom, decimal? MinCustomerShare, bool ForfeitBelowCustomerShare)
{
    public static CommissionPlanDto From(CommissionPlan p) =>
        new(p.Version, p.PersonalPercent.Value, [.. p.Levels.Select(l => l.Value)], p.Compression, p.MinPersonalVolume.Amount, p.EffectiveFrom, p.MinCustomerShare?.Value, p.ForfeitBelowCustomerShare);
}

public sealed record DistributorDto(long Id, string Email, string Name, string ReferralCode, long? SponsorId, DistributorStatus Status)
{
    public static DistributorDto From(Distributor d) => new(d.Id, d.Email, d.Name, d.ReferralCode, d.SponsorId, d.Status);
}

public sealed record UplineDto(long Id, int Level, DistributorStatus Status, bool IsHouse);

public sealed record CommissionDto(long BeneficiaryId, int Level, decimal Percent, decimal Amount);

public sealed record SaleDto(long Id, long DistributorId, decimal Total, decimal Base, int PlanVersion, string? ExternalId, DateTime CreatedAt, IReadOnlyList<CommissionDto> Commissions, long? CustomerId, bool PersonalUse)
{
    public static SaleDto From(Sale s) => new(
        s.Id, s.DistributorId, s.Total.Amount, s.Base.Amount, s.PlanVersion, s.ExternalId, s.CreatedAt,
        [.. s.Commissions.OrderBy(c => c.Level).Select(c => new CommissionDto(c.BeneficiaryId, c.Level, c.Percent.Value, c.Amount.Amount))],
        s.CustomerId,
        s.IsPersonalUse);
}

public sealed record LedgerLineDto(long Id, long SaleId, long BeneficiaryId, int Level, decimal Amount, CommissionLineKind Kind, DateTime CreatedAt, decimal Percent, int PlanVersion, long? ReversesLineId, string? Reason)
{
    public static LedgerLineDto From(CommissionLine l) =>
        new(l.Id, l.SaleId, l.BeneficiaryId, l.Level, l.Amount.Amount, l.Kind, l.CreatedAt, l.Percent.Value, l.PlanVersion, l.ReversesLineId, l.Reason);
}

public sealed record CommissionsDto(decimal Balance, decimal Earned, decimal Paid, IReadOnlyList<LedgerLineDto> Lines, int Page, int PageSize, bool HasMore);

public sealed record RefundDto(long SaleId, long RefundId, DateTime RefundedAt, decimal Total, decimal Base, bool Completes, IReadOnlyList<LedgerLineDto> Reversals)
{
    public static RefundDto From(MlmNetwork.Infrastructure.Sales.RefundedSale r) =>
        new(r.Sale.Id, r.Refund.Id, r.Refund.CreatedAt, r.Refund.Total.Amount, r.Refund.Base.Amount, r.Refund.Completes, [.. r.Reversals.OrderBy(l => l.Level).ThenBy(l => l.Kind).Select(LedgerLineDto.From)]);
}

public sealed record StatementDto(long Id, string Period, long DistributorId, decimal Opening, decimal Earned, decimal Reversed, decimal Forfeited, decimal Paid, decimal Closing, decimal PersonalVolume, bool Qualified)
{
    public static StatementDto From(Statement s) => new(
        s.Id, Domain.Period.FromKey(s.PeriodKey).ToString(), s.DistributorId, s.Opening.Amount, s.Earned.Amount, s.Reversed.Amount, s.Forfeited.Amount,
        s.Paid.Amount, s.Closing.Amount, s.PersonalVolume.Amount, s.Qualified);
}

public sealed record PayoutRunInput(
    [property: Required, Description("The last closed month (yyyy-MM) whose earnings the run pays.")] string? UpTo);

public sealed record PayoutRunConfirmInput(
    [property: Required, Description("The day the money was sent (yyyy-MM-dd).")] DateOnly? PaidOn,
    [property: Required, Description("The bank's or payroll tool's reference of the transfer.")] string? Reference);

public sealed record PayoutRunCancelInput(
    [property: Description("Why, for the audit log.")] string? Reason);

public sealed record PayoutRunItemDto(long DistributorId, decimal Amount);

public sealed record PayoutRunDto(long Id, string UpTo, PayoutRunStatus Status, decimal Total, int Count, decimal MinimumPayout, DateTime ProposedAt, DateOnly? PaidOn, string? Reference, IReadOnlyList<PayoutRunItemDto> Items)
{
    public static async Task<PayoutRunDto> LoadAsync(MlmDbContext db, long id, CancellationToken ct)
    {
        var run = await db.PayoutRuns.AsNoTracking().Include(r => r.Items).SingleAsync(r => r.Id == id, ct);
        return new(run.Id, run.UpTo.ToString(), run.Status, run.Total.Amount, run.ItemCount, run.MinimumPayout.Amount, run.ProposedAt, run.PaidOn, run.Reference,
            [.. run.Items.OrderBy(i => i.DistributorId).Select(i => new PayoutRunItemDto(i.DistributorId, i.Amount.Amount))]);
    }
}

internal static class Required
{
    public static T Value<T>(T? value, string field)
        where T : struct =>
        value ?? throw DomainRuleException.Invalid($"{field} is required.", field);

    public static string Text(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw DomainRuleException.Invalid($"{field} is required.", field) : value;
}

