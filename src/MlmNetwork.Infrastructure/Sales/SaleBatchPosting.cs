using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Plans;
using Npgsql;
using NpgsqlTypes;

namespace MlmNetwork.Infrastructure.Sales;

public sealed record BatchSale(long DistributorId, IReadOnlyList<SaleRequestLine> Lines, string? ExternalId = null, string? IdempotencyKey = null);

/// <summary>What is wrong with one row; <see cref="Rule"/> is the refusal itself, so it can be said in the reader's language.</summary>
public sealed record BatchRowError(int Row, string Message, DomainRuleException? Rule = null)
{
    public BatchRowError(int row, DomainRuleException rule)
        : this(row, (rule ?? throw new ArgumentNullException(nameof(rule))).Message, rule)
    {
    }
}

/// <summary>How far a batch got: rows run through the rules, rows written, rows in the batch.</summary>
public sealed record BatchProgress(int Checked, int Written, int Total);

public sealed record BatchOutcome(string BatchKey, int SaleCount, int LineCount, Money TotalBase, bool Replayed);

/// <summary>A batch refused whole, with what is wrong in each row.</summary>
public sealed class BatchRejectedException(IReadOnlyList<BatchRowError> errors)
    : Exception($"{errors?.Count} rows of the batch are not valid; nothing was posted.")
{
    public IReadOnlyList<BatchRowError> Errors { get; } = errors ?? [];
}

/// <summary>
/// Posts many sales with all their commission lines in one transaction, through the same
/// domain rules as a single sale: every row is checked first and one bad row refuses the
/// whole batch (nothing half-imported). The batch key makes a retry replay. On PostgreSQL the
/// upline of every seller comes from one in-memory snapshot of the tree, the rows go in by
/// binary COPY and the counters by set-based upserts.
/// </summary>
public sealed class SaleBatchPosting(IDbContextFactory<MlmDbContext> contexts, BusinessClock clock, ILogger<SaleBatchPosting> logger)
{
    /// <summary>Sales computed and written per round: bounds memory whatever the batch size.</summary>
    public const int ChunkSize = 20_000;

    private const int ProgressEvery = 500;

    public async Task<BatchOutcome> PostAsync(string batchKey, IReadOnlyList<BatchSale> sales, IProgress<BatchProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sales);
        if (string.IsNullOrWhiteSpace(batchKey) || batchKey.Length > Sale.IdempotencyKeyMaxLength)
        {
            throw DomainRuleException.Invalid($"A batch key of 1 to {Sale.IdempotencyKeyMaxLength} characters is required.", "Idempotency-Key");
        }

        var fingerprint = Fingerprint(sales);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.SaleBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Key == batchKey, ct) is { } done)
        {
            return done.RequestHash == fingerprint
                ? new BatchOutcome(done.Key, done.SaleCount, done.LineCount, done.TotalBase, Replayed: true)
                : throw DomainRuleException.Invalid($"This Idempotency-Key was already used for a different batch.", "Idempotency-Key");
        }

        if (sales.Count == 0)
        {
            throw DomainRuleException.Invalid($"A batch needs at least one sale.", "sales");
        }

        var now = clock.UtcNow;
        now = BusinessClock.Microseconds(now);
        var periodKey = Period.Of(now).Key;
        if (await db.CommissionPeriods.AnyAsync(p => p.Key == periodKey, ct))
        {
            throw DomainRuleException.Invalid($"Period {Period.FromKey(periodKey)} is closed; no sale can be posted into it.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var plan = await CommissionPlans.InForceAtAsync(db, now, ct)
            ?? throw DomainRuleException.Invalid($"No commission plan has been set up yet.");
        var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Sku, ct);
        var tree = await TreeSnapshot.LoadAsync(db, sales.Select(s => s.DistributorId).Distinct().ToList(), ct);
        var keys = sales.Select((s, i) => s.IdempotencyKey ?? $"{batchKey}#{i}").ToList();
        await RejectReusedKeysAsync(db, sales, keys, ct);

        var outcome = db is NpgsqlMlmDbContext
            ? await CopyAsync(db, sales, keys, products, plan, tree, now, progress, ct)
            : await SaveAsync(db, sales, keys, products, plan, tree, now, progress, ct);
        db.SaleBatches.Add(new SaleBatch { Key = batchKey, RequestHash = fingerprint, SaleCount = outcome.SaleCount, LineCount = outcome.LineCount, TotalBase = outcome.TotalBase, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            throw DomainRuleException.Conflict($"Another request posted this batch key at the same time; retry to get its answer.", "Idempotency-Key");
        }

        await transaction.CommitAsync(ct);
        logger.LogInformation("Posted batch {BatchKey}: {SaleCount} sales, {LineCount} commission lines", batchKey, outcome.SaleCount, outcome.LineCount);
        return outcome with { BatchKey = batchKey };
    }

    /// <summary>A key used twice in the batch, or already used by a posted sale, refuses the batch before anything is computed.</summary>
    private static async Task RejectReusedKeysAsync(MlmDbContext db, IReadOnlyList<BatchSale> sales, List<string> keys, CancellationToken ct)
    {
        var errors = new List<BatchRowError>();
        var duplicates = keys.Select((k, i) => (k, i)).GroupBy(x => x.k).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1));
        errors.AddRange(duplicates.Select(d => new BatchRowError(d.i, DomainRuleException.Conflict($"Idempotency key '{d.k}' appears twice in the batch.", "idempotencyKey"))));
        var given = sales.Where(s => s.IdempotencyKey is not null).Select(s => s.IdempotencyKey!).ToList();
        if (given.Count > 0)
        {
            var used = (await db.Sales.AsNoTracking().Where(s => given.Contains(s.IdempotencyKey)).Select(s => s.IdempotencyKey).ToListAsync(ct)).ToHashSet();
            errors.AddRange(keys.Select((k, i) => (k, i)).Where(x => used.Contains(x.k)).Select(x => new BatchRowError(x.i, DomainRuleException.Conflict($"Idempotency key '{x.k}' was already used by another sale.", "idempotencyKey"))));
        }

        if (errors.Count > 0)
        {
            throw new BatchRejectedException([.. errors.OrderBy(e => e.Row)]);
        }
    }

    /// <summary>
    /// Runs one row through the domain rules. A refused row is collected (up to a thousand are
    /// reported) and nothing more is written; the caller then refuses the whole batch, and the
    /// transaction's rollback leaves no trace of the rows written before.
    /// </summary>
    private static Sale? TryRecord(int row, BatchSale sale, string key, Dictionary<string, Product> products, CommissionPlan plan, TreeSnapshot tree, DateTime now, List<BatchRowError> errors)
    {
        try
        {
            return Record(sale, key, products, plan, tree, now);
        }
        catch (DomainRuleException e)
        {
            if (errors.Count < 1000)
            {
                errors.Add(new BatchRowError(row, e));
            }

            return null;
        }
    }

    private static Sale Record(BatchSale row, string key, Dictionary<string, Product> products, CommissionPlan plan, TreeSnapshot tree, DateTime now)
    {
        if (!tree.Contains(row.DistributorId))
        {
            throw DomainRuleException.NotFound($"No distributor has id {row.DistributorId}.", "distributorId");
        }

        var items = SaleItems.Resolve(row.Lines, products);
        var request = new SaleRequest(row.DistributorId, row.Lines, row.ExternalId, key);
        return Sale.Record(items, plan, tree.ChainFor(row.DistributorId, plan), key, request.Fingerprint(), row.ExternalId, now);
    }

    /// <summary>SQLite (the demo default): the same sales through EF, and the same counters as single sales.</summary>
    private static async Task<BatchOutcome> SaveAsync(MlmDbContext db, IReadOnlyList<BatchSale> sales, List<string> keys, Dictionary<string, Product> products, CommissionPlan plan, TreeSnapshot tree, DateTime now, IProgress<BatchProgress>? progress, CancellationToken ct)
    {
        var lineCount = 0;
        var total = Money.Zero;
        var errors = new List<BatchRowError>();
        for (var i = 0; i < sales.Count; i++)
        {
            var sale = TryRecord(i, sales[i], keys[i], products, plan, tree, now, errors);
            if (sale is null || errors.Count > 0)
            {
                continue;
            }

            db.Sales.Add(sale);
            await db.SaveChangesAsync(ct);
            await Counters.CountSaleAsync(db, sale, ct);
            lineCount += sale.Commissions.Count;
            total += sale.Base;
            db.ChangeTracker.Clear();
            if ((i + 1) % ProgressEvery == 0)
            {
                progress?.Report(new BatchProgress(i + 1, i + 1, sales.Count));
            }
        }

        if (errors.Count > 0)
        {
            throw new BatchRejectedException(errors);
        }

        progress?.Report(new BatchProgress(sales.Count, sales.Count, sales.Count));
        return new BatchOutcome(string.Empty, sales.Count, lineCount, total, Replayed: false);
    }

    /// <summary>PostgreSQL: chunk by chunk, compute with the domain rules, then binary COPY the rows; counters once, at the end.</summary>
    private static async Task<BatchOutcome> CopyAsync(MlmDbContext db, IReadOnlyList<BatchSale> sales, List<string> keys, Dictionary<string, Product> products, CommissionPlan plan, TreeSnapshot tree, DateTime now, IProgress<BatchProgress>? progress, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var counters = new BatchCounters();
        var lineCount = 0;
        var total = Money.Zero;
        var errors = new List<BatchRowError>();
        for (var start = 0; start < sales.Count; start += ChunkSize)
        {
            var count = Math.Min(ChunkSize, sales.Count - start);
            var chunk = new List<Sale>(count);
            for (var i = 0; i < count; i++)
            {
                if (TryRecord(start + i, sales[start + i], keys[start + i], products, plan, tree, now, errors) is { } sale && errors.Count == 0)
                {
                    chunk.Add(sale);
                    counters.Add(sale, tree);
                    lineCount += sale.Commissions.Count;
                    total += sale.Base;
                }

                if ((i + 1) % ProgressEvery == 0)
                {
                    progress?.Report(new BatchProgress(start + i + 1, start, sales.Count));
                }
            }

            if (errors.Count == 0)
            {
                var ids = await RawSql.QueryAsync(db, "SELECT nextval(pg_get_serial_sequence('sales', 'id')) FROM generate_series(1, @n)", r => r.Whole(0), ct, ("n", chunk.Count));
                await WriteChunkAsync(connection, [.. chunk.Select((s, i) => (ids[i], s))], ct);
                progress?.Report(new BatchProgress(start + count, start + count, sales.Count));
            }
        }

        if (errors.Count > 0)
        {
            throw new BatchRejectedException(errors);
        }

        await counters.WriteAsync(connection, ct);
        return new BatchOutcome(string.Empty, sales.Count, lineCount, total, Replayed: false);
    }

    private static async Task WriteChunkAsync(NpgsqlConnection connection, List<(long Id, Sale Sale)> chunk, CancellationToken ct)
    {
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY sales (id, distributor_id, created_at, period_key, total_cents, base_cents, plan_version, external_id, idempotency_key, request_hash) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (id, sale) in chunk)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(sale.DistributorId, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(sale.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(sale.PeriodKey, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(sale.Total.Cents, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(sale.Base.Cents, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(sale.PlanVersion, NpgsqlDbType.Integer, ct);
                await WriteNullableAsync(writer, sale.ExternalId, ct);
                await writer.WriteAsync(sale.IdempotencyKey, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(sale.RequestHash, NpgsqlDbType.Varchar, ct);
            }

            await writer.CompleteAsync(ct);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY sale_lines (sale_id, product_id, sku, product_name, quantity, unit_price_cents, unit_commission_base_cents) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (id, sale) in chunk)
            {
                foreach (var line in sale.Lines)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(line.ProductId, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(line.Sku, NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(line.ProductName, NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(line.Quantity, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync(line.UnitPrice.Cents, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(line.UnitCommissionBase.Cents, NpgsqlDbType.Bigint, ct);
                }
            }

            await writer.CompleteAsync(ct);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(CommissionLineCopy, ct))
        {
            foreach (var (id, sale) in chunk)
            {
                foreach (var line in sale.Commissions)
                {
                    await WriteLineAsync(writer, id, line.BeneficiaryId, line.Level, line.Distance, line.Percent.BasisPoints, line.Amount.Cents, line.PlanVersion, line.CreatedAt, line.PeriodKey, ct);
                }
            }

            await writer.CompleteAsync(ct);
        }

        if (chunk.Any(c => c.Sale.Unpaid.Count > 0))
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY sale_unpaid_members (sale_id, distributor_id, distance, level, status, reason) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var (id, sale) in chunk)
            {
                foreach (var member in sale.Unpaid)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(id, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(member.DistributorId, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(member.Distance, NpgsqlDbType.Integer, ct);
                    if (member.Level is { } level)
                    {
                        await writer.WriteAsync(level, NpgsqlDbType.Integer, ct);
                    }
                    else
                    {
                        await writer.WriteNullAsync(ct);
                    }

                    await writer.WriteAsync((int)member.Status, NpgsqlDbType.Integer, ct);
                    await writer.WriteAsync((int)member.Reason, NpgsqlDbType.Integer, ct);
                }
            }

            await writer.CompleteAsync(ct);
        }
    }

    /// <summary>The COPY of commission lines, shared with the benchmark's raw-COPY baseline so both write the same rows the same way.</summary>
    public const string CommissionLineCopy =
        "COPY commission_lines (sale_id, beneficiary_id, level, distance, basis_points, amount_cents, plan_version, kind, created_at, period_key) FROM STDIN (FORMAT BINARY)";

    public static async Task WriteLineAsync(NpgsqlBinaryImporter writer, long saleId, long beneficiaryId, int level, int distance, int basisPoints, long cents, int planVersion, DateTime createdAt, int periodKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await writer.StartRowAsync(ct);
        await writer.WriteAsync(saleId, NpgsqlDbType.Bigint, ct);
        await writer.WriteAsync(beneficiaryId, NpgsqlDbType.Bigint, ct);
        await writer.WriteAsync(level, NpgsqlDbType.Integer, ct);
        await writer.WriteAsync(distance, NpgsqlDbType.Integer, ct);
        await writer.WriteAsync(basisPoints, NpgsqlDbType.Integer, ct);
        await writer.WriteAsync(cents, NpgsqlDbType.Bigint, ct);
        await writer.WriteAsync(planVersion, NpgsqlDbType.Integer, ct);
        await writer.WriteAsync((int)CommissionLineKind.Commission, NpgsqlDbType.Integer, ct);
        await writer.WriteAsync(createdAt, NpgsqlDbType.TimestampTz, ct);
        await writer.WriteAsync(periodKey, NpgsqlDbType.Integer, ct);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken ct)
    {
        if (value is null)
        {
            await writer.WriteNullAsync(ct);
        }
        else
        {
            await writer.WriteAsync(value, NpgsqlDbType.Varchar, ct);
        }
    }

    private static string Fingerprint(IReadOnlyList<BatchSale> sales)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var sale in sales)
        {
            var text = new StringBuilder();
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{sale.DistributorId}|{sale.ExternalId}|{sale.IdempotencyKey}|");
            foreach (var line in sale.Lines ?? [])
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{line.Sku?.Trim().ToUpperInvariant()}:{line.Quantity};");
            }

            hash.AppendData(Encoding.UTF8.GetBytes(text.Append('\n').ToString()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
