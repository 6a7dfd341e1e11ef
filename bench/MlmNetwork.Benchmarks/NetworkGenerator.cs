using System.Diagnostics;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace MlmNetwork.Benchmarks;

/// <summary>
/// Fills a database with a realistic sponsor tree by binary COPY: preferential attachment (a
/// newcomer joins somebody with probability growing with their team, so a few big leaders and
/// many small teams) plus one chain deeper than <see cref="ChainDepth"/>. The chain is a line of
/// people who each recruited exactly one; nobody else joins under it, so it does not drag the
/// rest of the network thousands of levels deep.
/// </summary>
public sealed class NetworkGenerator(int distributors, int seed)
{
    public const int ChainDepth = 5_000;

    /// <summary>Ids 1..N: id 1 is the house account, parents always have smaller ids than their recruits.</summary>
    public long[] Sponsor { get; } = new long[distributors + 1];

    public int[] Depth { get; } = new int[distributors + 1];

    /// <summary>The deepest member of the long chain, whose upline the benchmark reads.</summary>
    public long ChainBottom { get; private set; }

    /// <summary>The distributor with the largest downline (a big leader, for the dashboard and genealogy).</summary>
    public long BiggestLeader { get; private set; }

    public async Task<TimeSpan> WriteAsync(NpgsqlConnection connection, DateTime now, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var chainLength = Math.Min(ChainDepth + 1, distributors / 4);
        var attach = new List<long>(distributors * 2) { 1 };
        var direct = new int[distributors + 1];
        for (long id = 2; id <= distributors; id++)
        {
            var inChain = id - 2 < chainLength;
            long sponsor;
            if (inChain)
            {
                sponsor = id == 2 ? 1 : id - 1; // the long chain, hanging from the house
            }
            else if (random.Next(10) == 0)
            {
                var first = chainLength + 2;
                sponsor = id > first ? random.NextInt64(first, id) : 1; // some join anybody outside the chain
            }
            else
            {
                sponsor = attach[random.Next(attach.Count)]; // most join where teams already grow
            }

            Sponsor[id] = sponsor;
            Depth[id] = Depth[sponsor] + 1;
            direct[sponsor]++;
            if (!inChain)
            {
                attach.Add(sponsor);
                attach.Add(id);
            }
        }

        ChainBottom = chainLength + 1;
        var downline = new long[distributors + 1];
        for (var id = distributors; id >= 2; id--)
        {
            downline[Sponsor[id]] += downline[id] + 1;
        }

        BiggestLeader = Enumerable.Range(2, distributors - 1).MaxBy(i => downline[i]);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY distributors (id, name, email, search_key, referral_code, sponsor_id, is_house, status, depth, joined_at, direct_recruit_count, downline_count) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (long id = 1; id <= distributors; id++)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                var name = id == 1 ? "The Company (house account)" : $"Distributor {id}";
                var email = $"d{id}@bench.mlmnetwork.local";
                await writer.WriteAsync(name, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(email, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(Distributor.SearchKeyFor(name, email), NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(Code(id), NpgsqlDbType.Varchar, ct);
                if (id == 1)
                {
                    await writer.WriteNullAsync(ct);
                }
                else
                {
                    await writer.WriteAsync(Sponsor[id], NpgsqlDbType.Bigint, ct);
                }

                await writer.WriteAsync(id == 1, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(id % 23 == 0 ? (int)DistributorStatus.Inactive : (int)DistributorStatus.Active, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(Depth[id], NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(now.AddYears(-1), NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(direct[id], NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(downline[id], NpgsqlDbType.Bigint, ct);
            }

            await writer.CompleteAsync(ct);
        }

        await WriteTeamCountersAsync(connection, downline, Period.Of(now.AddYears(-1)).Key, ct);
        await using (var command = new NpgsqlCommand($"SELECT setval(pg_get_serial_sequence('distributors', 'id'), {distributors}); ANALYZE distributors; ANALYZE downline_levels; ANALYZE downline_growth;", connection))
        {
            await command.ExecuteNonQueryAsync(ct);
        }

        return clock.Elapsed;
    }

    /// <summary>The deepest member of <paramref name="leader"/>'s downline (the smallest id among the deepest): whom the search benchmark looks for.</summary>
    public long DeepestBelow(long leader)
    {
        var below = new bool[distributors + 1];
        var deepest = leader;
        for (long id = leader + 1; id <= distributors; id++)
        {
            below[id] = Sponsor[id] == leader || below[Sponsor[id]];
            if (below[id] && Depth[id] > Depth[deepest])
            {
                deepest = id;
            }
        }

        return deepest;
    }

    /// <summary>
    /// The counters the app keeps as the tree grows (NetworkSql.CountRecruitAsync): people per
    /// level for the nearest levels, summed bottom-up (recruits have larger ids than their
    /// sponsors), and team growth per month (everybody joined in the same month here).
    /// </summary>
    private async Task WriteTeamCountersAsync(NpgsqlConnection connection, long[] downline, int joinedKey, CancellationToken ct)
    {
        const int levels = MlmNetwork.Infrastructure.Network.NetworkSql.CountedLevels;
        var perLevel = new int[]?[distributors + 1];
        for (var id = distributors; id >= 2; id--)
        {
            var sponsor = Sponsor[id];
            var counts = perLevel[sponsor] ??= new int[levels + 1];
            counts[1]++;
            if (perLevel[id] is { } own)
            {
                for (var k = 1; k < levels; k++)
                {
                    counts[k + 1] += own[k];
                }
            }
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY downline_levels (distributor_id, level, member_count) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (long id = 1; id <= distributors; id++)
            {
                for (var k = 1; perLevel[id] is { } counts && k <= levels && counts[k] > 0; k++)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(k, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync((long)counts[k], NpgsqlDbType.Bigint, ct);
                }
            }

            await writer.CompleteAsync(ct);
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY downline_growth (distributor_id, period_key, joined_count) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (long id = 1; id <= distributors; id++)
            {
                if (downline[id] > 0)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(joinedKey, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(downline[id], NpgsqlDbType.Bigint, ct);
                }
            }

            await writer.CompleteAsync(ct);
        }
    }

    /// <summary>A unique referral code per id, in the referral alphabet (8 characters).</summary>
    public static string Code(long id)
    {
        const string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
        var chars = new char[ReferralCode.Length];
        var value = id;
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = alphabet[(int)(value % alphabet.Length)];
            value /= alphabet.Length;
        }

        return new string(chars);
    }
}
