using System.ComponentModel;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Sales;

namespace MlmNetwork.Web.Api;

/// <summary>One page of a list, and where the next one starts.</summary>
public sealed record PageDto<T>(
    [property: Description("The rows of this page, at most limit of them.")] IReadOnlyList<T> Items,
    [property: Description("Pass it as after= for the next page; null on the last page.")] string? Next);

/// <summary>A sale as the sales list shows it.</summary>
public sealed record SaleSummaryDto(
    long Id,
    [property: Description("The seller's id.")] long DistributorId,
    [property: Description("When the sale was posted (UTC).")] DateTime CreatedAt,
    decimal Total,
    [property: Description("The commission base of the sale.")] decimal Base,
    [property: Description("What refunds have taken back of the total so far.")] decimal Refunded,
    [property: Description("NotRefunded, PartlyRefunded or Refunded.")] SaleRefundState RefundState,
    int PlanVersion,
    string? ExternalId,
    [property: Description("The customer the sale was made to; null for personal use.")] long? CustomerId,
    [property: Description("True when the sale was for the seller's personal use.")] bool PersonalUse)
{
    public static SaleSummaryDto From(SaleListRow s) =>
        new(s.Id, s.DistributorId, s.CreatedAt, s.Total.Amount, s.Base.Amount, s.Refunded.Amount, s.State, s.PlanVersion, s.ExternalId, s.CustomerId, s.CustomerId is null);
}

/// <summary>A direct recruit, with how big their own team is (so a client can walk down the tree).</summary>
public sealed record DownlineMemberDto(
    long Id,
    string Name,
    string Email,
    string ReferralCode,
    DistributorStatus Status,
    DateTime JoinedAt,
    [property: Description("How many people this member recruited directly.")] int DirectRecruits,
    [property: Description("How many people are below this member, at any depth.")] long DownlineCount)
{
    public static DownlineMemberDto From(Distributor d) =>
        new(d.Id, d.Name, d.Email, d.ReferralCode, d.Status, d.JoinedAt, d.DirectRecruitCount, d.DownlineCount);
}
