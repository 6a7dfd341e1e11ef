using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure;

/// <summary>A recruit as the genealogy shows them: who, under whom, their status and team size.</summary>
public sealed record RecruitSummary(long Id, long SponsorId, string Name, DistributorStatus Status, long DownlineCount);
