using MlmNetwork.Domain;

namespace MlmNetwork.Web.Pages.Shared;

/// <summary>What the dashboard's getting-started checklist (_GettingStarted.cshtml) shows: the checklist and the referral code to share.</summary>
public sealed record GettingStartedPanel(GettingStarted Checklist, string ReferralCode);
