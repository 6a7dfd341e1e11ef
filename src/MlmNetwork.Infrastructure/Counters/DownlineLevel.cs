namespace MlmNetwork.Infrastructure;

/// <summary>
/// How many people stand at one level below a distributor (level 1: their direct recruits), for
/// levels 1 to <see cref="Network.NetworkSql.CountedLevels"/>; everybody deeper is the rest of the
/// downline count. Kept as the tree changes (sign-ups, sponsor moves), never counted per request.
/// </summary>
public sealed class DownlineLevel
{
    public long DistributorId { get; set; }

    public int Level { get; set; }

    public long MemberCount { get; set; }
}
