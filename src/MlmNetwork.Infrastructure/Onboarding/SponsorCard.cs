namespace MlmNetwork.Infrastructure.Onboarding;

/// <summary>
/// Who a recruit can turn to: their sponsor's name, e-mail address, phone (only when the sponsor
/// chose to show it to their recruits: anybody can join through a public referral link) and
/// referral code, or the company when they joined directly under the house account (<see cref="IsCompany"/>).
/// The dashboard reads it in its own batch (<see cref="DashboardQuery"/>); the house account has none.
/// </summary>
public sealed record SponsorCard(bool IsCompany, string Name, string Email, string ReferralCode, string? Phone);
