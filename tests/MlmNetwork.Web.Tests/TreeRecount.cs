using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Network;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// The tree's counters recounted from the sponsor links alone (every distributor walks up their
/// upline), to check the counters the app keeps as the tree changes: downline and direct
/// recruit counts, people per level (levels 1 to <see cref="NetworkSql.CountedLevels"/>) and team
/// growth per month.
/// </summary>
public static class TreeRecount
{
    public sealed record Counters(
        IReadOnlyList<(long Id, long Downline, int Direct)> Members,
        IReadOnlyList<(long Id, int Level, long Count)> Levels,
        IReadOnlyList<(long Id, int Period, long Count)> Growth);

    /// <summary>The counters as kept, and as recounted; equal when the app kept them right.</summary>
    public static async Task<(Counters Kept, Counters Recounted)> ReadAsync(MlmAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await app.WithDbAsync(async db =>
        {
            var people = await db.Distributors.AsNoTracking().Select(d => new { d.Id, d.SponsorId, d.JoinedAt, d.DownlineCount, d.DirectRecruitCount }).ToListAsync();
            var levels = await db.DownlineLevels.AsNoTracking().Select(l => new { l.DistributorId, l.Level, l.MemberCount }).ToListAsync();
            var growth = await db.DownlineGrowth.AsNoTracking().Select(g => new { g.DistributorId, g.PeriodKey, g.JoinedCount }).ToListAsync();
            var kept = new Counters(
                [.. people.Select(p => (p.Id, p.DownlineCount, p.DirectRecruitCount)).Order()],
                [.. levels.Select(l => (l.DistributorId, l.Level, l.MemberCount)).Order()],
                [.. growth.Select(g => (g.DistributorId, g.PeriodKey, g.JoinedCount)).Order()]);

            var sponsorOf = people.ToDictionary(p => p.Id, p => p.SponsorId);
            var downline = people.ToDictionary(p => p.Id, _ => 0L);
            var direct = people.ToDictionary(p => p.Id, _ => 0);
            var perLevel = new Dictionary<(long, int), long>();
            var perMonth = new Dictionary<(long, int), long>();
            foreach (var person in people)
            {
                if (person.SponsorId is { } sponsor)
                {
                    direct[sponsor]++;
                }

                var month = Period.Of(person.JoinedAt).Key;
                var level = 1;
                for (var up = person.SponsorId; up is { } ancestor; up = sponsorOf[ancestor], level++)
                {
                    downline[ancestor]++;
                    perMonth[(ancestor, month)] = perMonth.GetValueOrDefault((ancestor, month)) + 1;
                    if (level <= NetworkSql.CountedLevels)
                    {
                        perLevel[(ancestor, level)] = perLevel.GetValueOrDefault((ancestor, level)) + 1;
                    }
                }
            }

            var recounted = new Counters(
                [.. people.Select(p => (p.Id, downline[p.Id], direct[p.Id])).Order()],
                [.. perLevel.Select(l => (l.Key.Item1, l.Key.Item2, l.Value)).Order()],
                [.. perMonth.Select(g => (g.Key.Item1, g.Key.Item2, g.Value)).Order()]);
            return (kept, recounted);
        });
    }

    /// <summary>Fails unless every kept tree counter equals its recount.</summary>
    public static async Task AssertKeptRightAsync(MlmAppFactory app)
    {
        var (kept, recounted) = await ReadAsync(app);
        Assert.Equal(recounted.Members, kept.Members);
        Assert.Equal(recounted.Levels, kept.Levels);
        Assert.Equal(recounted.Growth, kept.Growth);
    }
}
