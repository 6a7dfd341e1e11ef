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

/// <summary>
/// One sale of a batch: to <see cref="CustomerId"/> (one of the seller's customers) or, when
/// null, for the seller's personal use; made on <see cref="OrderDate"/> (today when null).
/// </summary>
public sealed record BatchSale(long DistributorId, IReadOnlyList<SaleRequestLine> Lines, string? ExternalId = null, string? IdempotencyKey = null, long? CustomerId = null, DateOnly? OrderDate = null);

/// <summary>What is wrong with one row; <see cref="Rule"/> is the refusal itself, so it can be said in the reader's language.</summary>
public sealed record BatchRowError(int Row, string Message, DomainRuleException? Rule = null)
{
    /// <summary>The sale already posted under this row's idempotency key, when that is why the row is refused.</summary>
    public long? PostedSaleId { get; init; }

    public BatchRowError(int row, DomainRuleException rule)
        : this(row, (rule ?? throw new ArgumentNullException(nameof(rule))).Message, rule)
    {
    }
}

/// <summary>How far a batch got: rows run through the rules, rows written, rows in the batch.</summary>
public sealed record BatchProgress(int Checked, int Written, int Total);

/// <summary>What a batch posted; <see cref="Refused"/> are the rows left out when only the good rows were asked for.</summary>
public sealed record BatchOutcome(string BatchKey, int SaleCount, int LineCount, Money TotalBase, bool Replayed)
{
    public IReadOnlyList<BatchRowError> Refused { get; init; } = [];
}

/// <summary>
/// The caller's own work inside a batch's transaction: <see cref="Begun"/> as it begins (to take
/// a lock, or to refuse the batch when it may no longer go in, by throwing), <see cref="Committing"/>
/// when every row is written and the batch is about to commit (to record what it posted, all or
/// nothing with the batch itself).
/// </summary>
public sealed record BatchTransactionSteps(
    Func<MlmDbContext, CancellationToken, Task> Begun,
    Func<MlmDbContext, BatchOutcome, CancellationToken, Task> Committing);

/// <summary>A batch refused whole, with what is wrong in each row.</summary>
public sealed class BatchRejectedException(IReadOnlyList<BatchRowError> errors)
    : Exception($"{errors?.Count} rows of the batch are not valid; nothing was posted.")
{
    public IReadOnlyList<BatchRowError> Errors { get; } = errors ?? [];
}

/// <summary>
/// Posts many sales with all their commission lines in one transaction, through the same
/// domain rules as a single sale: every row is checked first and one bad row refuses the
/// whole batch (nothing half-imported) — or, when asked to post the good rows, the refused
/// rows are left out and handed back with their reasons. A row with an order date is made on
/// that day, under the plan in force then, and refused unless that day may take a sale (rule 13: an open month, a plan in force, not in the future). The batch key makes a retry replay. On PostgreSQL the
/// upline of every seller comes from one in-memory snapshot of the tree, the rows go in by
/// binary COPY and the counters by set-based upserts.
/// </summary>
public sealed class SaleBatchPosting(IDbContextFactory<MlmDbContext> contexts, BusinessClock clock, Ledger.LedgerPartitions partitions, ILogger<SaleBatchPosting> logger)
{
    /// <summary>Sales computed and written per round: bounds memory whatever the batch size.</summary>
    public const int ChunkSize = 20_000;

    private const int ProgressEvery = 500;

    public async Task<BatchOutcome> PostAsync(string batchKey, IReadOnlyList<BatchSale> sales, IProgress<BatchProgress>? progress, CancellationToken ct, bool postGoodRows = false, BatchTransactionSteps? steps = null)
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
        var closed = (await db.CommissionPeriods.AsNoTracking().Select(p => p.Key).ToListAsync(ct)).ToHashSet();
        if (closed.Contains(periodKey) && sales.All(s => s.OrderDate is null))
        {
            throw DomainRuleException.Invalid($"Period {Period.FromKey(periodKey)} is closed; no sale can be posted into it.");
        }

        // Every month the batch writes lines in has its ledger partition before the long transaction begins.
        await partitions.EnsureForAsync(sales.Select(s => MomentOf(s, now)).Append(now), now, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (steps is not null)
        {
            await steps.Begun(db, ct);
        }

        var context = await ContextAsync(db, sales, closed, now, ct);
        var keys = sales.Select((s, i) => s.IdempotencyKey ?? $"{batchKey}#{i}").ToList();
        var refused = await RejectReusedKeysAsync(db, sales, keys, postGoodRows, ct);

        var outcome = db is NpgsqlMlmDbContext
            ? await CopyAsync(db, sales, keys, context, refused, postGoodRows, progress, ct)
            : await SaveAsync(db, sales, keys, context, refused, postGoodRows, progress, ct);
        db.SaleBatches.Add(new SaleBatch { Key = batchKey, RequestHash = fingerprint, SaleCount = outcome.SaleCount, LineCount = outcome.LineCount, TotalBase = outcome.TotalBase, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            throw DomainRuleException.Conflict($"Another request posted this batch key at the same time; retry to get its answer.", "Idempotency-Key");
        }

        if (steps is not null)
        {
            await steps.Committing(db, outcome with { BatchKey = batchKey }, ct);
        }

        await transaction.CommitAsync(ct);
        logger.LogInformation("Posted batch {BatchKey}: {SaleCount} sales, {LineCount} commission lines, {RefusedCount} rows refused", batchKey, outcome.SaleCount, outcome.LineCount, outcome.Refused.Count);
        return outcome with { BatchKey = batchKey };
    }

    /// <summary>
    /// Runs every sale through the checks <see cref="PostAsync"/> makes (keys already posted, the
    /// rules of a sale, its date) and writes nothing: the rows that would be refused, the first
    /// <paramref name="limit"/> of them. For saying every problem of a file in one round.
    /// </summary>
    public async Task<IReadOnlyList<BatchRowError>> CheckAsync(IReadOnlyList<BatchSale> sales, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sales);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = BusinessClock.Microseconds(clock.UtcNow);
        var closed = (await db.CommissionPeriods.AsNoTracking().Select(p => p.Key).ToListAsync(ct)).ToHashSet();
        var context = await ContextAsync(db, sales, closed, now, ct);
        var keys = sales.Select((s, i) => s.IdempotencyKey ?? $"check#{i}").ToList();
        var errors = await RejectReusedKeysAsync(db, sales, keys, postGoodRows: true, ct);
        var skip = errors.Select(e => e.Row).ToHashSet();
        for (var i = 0; i < sales.Count && errors.Count < limit; i++)
        {
            if (!skip.Contains(i))
            {
                TryRecord(i, sales[i], keys[i], context, errors, postGoodRows: true);
            }
        }

        return [.. errors.OrderBy(e => e.Row).Take(limit)];
    }

    private static async Task<BatchContext> ContextAsync(MlmDbContext db, IReadOnlyList<BatchSale> sales, HashSet<int> closed, DateTime now, CancellationToken ct) => new(
        await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Sku, ct),
        await PlansAsync(db, ct),
        await TreeSnapshot.LoadAsync(db, sales.Select(s => s.DistributorId).Distinct().ToList(), ct),
        await CustomersAsync(db, sales, ct),
        closed,
        now);

    /// <summary>What every row of a batch is checked against, loaded once.</summary>
    private sealed record BatchContext(Dictionary<string, Product> Products, List<CommissionPlan> Plans, TreeSnapshot Tree, Dictionary<long, Customer> Customers, HashSet<int> ClosedPeriods, DateTime Now)
    {
        /// <summary>The latest closed month: no sale is dated in it or before it (rule 13).</summary>
        public Period? LastClosed { get; } = ClosedPeriods.Count > 0 ? Period.FromKey(ClosedPeriods.Max()) : null;

        /// <summary>When the first plan version came into force: no sale is dated before it (rule 13).</summary>
        public DateTime? FirstPlanFrom { get; } = Plans.Count > 0 ? Plans.Min(p => p.EffectiveFrom) : null;

        /// <summary>The version in force at <paramref name="at"/>; never a fallback to another version (rule 13 refuses a moment before the first).</summary>
        public CommissionPlan PlanAt(DateTime at) =>
            Plans.Where(p => p.EffectiveFrom <= at).MaxBy(p => p.Version)
            ?? throw DomainRuleException.Invalid($"No commission plan has been set up yet.");
    }

    private static async Task<List<CommissionPlan>> PlansAsync(MlmDbContext db, CancellationToken ct)
    {
        var plans = await db.CommissionPlans.AsNoTracking().ToListAsync(ct);
        return plans.Count > 0 ? plans : throw DomainRuleException.Invalid($"No commission plan has been set up yet.");
    }

    private static async Task<Dictionary<long, Customer>> CustomersAsync(MlmDbContext db, IReadOnlyList<BatchSale> sales, CancellationToken ct)
    {
        var ids = sales.Where(s => s.CustomerId is not null).Select(s => s.CustomerId!.Value).Distinct().ToList();
        var found = new Dictionary<long, Customer>();
        foreach (var chunk in ids.Chunk(10_000))
        {
            foreach (var customer in await db.Customers.AsNoTracking().Where(c => chunk.Contains(c.Id)).ToListAsync(ct))
            {
                found[customer.Id] = customer;
            }
        }

        return found;
    }

    /// <summary>The moment a row's sale is made: now, or its order date (noon UTC) when that is another day (rule 13 then says whether it may be).</summary>
    private static DateTime MomentOf(BatchSale row, DateTime now) =>
        row.OrderDate is not { } date || date == DateOnly.FromDateTime(now)
            ? now
            : date.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);

    /// <summary>
    /// A key used twice in the batch, or already used by a posted sale, refuses the batch before
    /// anything is computed; when only the good rows are posted, those rows are refused instead.
    /// </summary>
    private static async Task<List<BatchRowError>> RejectReusedKeysAsync(MlmDbContext db, IReadOnlyList<BatchSale> sales, List<string> keys, bool postGoodRows, CancellationToken ct)
    {
        var errors = new List<BatchRowError>();
        var duplicates = keys.Select((k, i) => (k, i)).GroupBy(x => x.k).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1));
        errors.AddRange(duplicates.Select(d => new BatchRowError(d.i, DomainRuleException.Invalid($"Idempotency key '{d.k}' appears twice in the batch.", "idempotencyKey"))));
        var given = sales.Where(s => s.IdempotencyKey is not null).Select(s => s.IdempotencyKey!).ToList();
        if (given.Count > 0)
        {
            var used = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var chunk in given.Chunk(10_000))
            {
                foreach (var posted in await db.Sales.AsNoTracking().Where(s => chunk.Contains(s.IdempotencyKey)).Select(s => new { s.IdempotencyKey, s.Id }).ToListAsync(ct))
                {
                    used[posted.IdempotencyKey] = posted.Id;
                }
            }

            errors.AddRange(keys.Select((k, i) => (k, i)).Where(x => used.ContainsKey(x.k)).Select(x => new BatchRowError(x.i, DomainRuleException.Invalid($"Idempotency key '{x.k}' was already used by another sale.", "idempotencyKey")) { PostedSaleId = used[x.k] }));
        }

        if (errors.Count > 0 && !postGoodRows)
        {
            throw new BatchRejectedException([.. errors.OrderBy(e => e.Row)]);
        }

        return errors;
    }

    /// <summary>
    /// Runs one row through the domain rules. A refused row is collected (up to a thousand are
    /// reported when the batch is refused whole; every one when the good rows are posted).
    /// </summary>
    private static Sale? TryRecord(int row, BatchSale sale, string key, BatchContext context, List<BatchRowError> errors, bool postGoodRows)
    {
        try
        {
            return Record(sale, key, context);
        }
        catch (DomainRuleException e)
        {
            if (postGoodRows || errors.Count < 1000)
            {
                errors.Add(new BatchRowError(row, e));
            }

            return null;
        }
    }

    private static Sale Record(BatchSale row, string key, BatchContext context)
    {
        if (!context.Tree.Contains(row.DistributorId))
        {
            throw DomainRuleException.NotFound($"No distributor has id {row.DistributorId}.", "distributorId");
        }

        var at = MomentOf(row, context.Now);
        SaleDating.EnsureAllowed(at, context.Now, context.LastClosed, context.FirstPlanFrom);

        Customer? customer = null;
        if (row.CustomerId is { } customerId && !context.Customers.TryGetValue(customerId, out customer))
        {
            throw DomainRuleException.NotFound($"No customer has id {customerId}.", "customerId");
        }

        var items = SaleItems.Resolve(row.Lines, context.Products);
        var plan = context.PlanAt(at);
        var request = new SaleRequest(row.DistributorId, row.Lines, row.ExternalId, key, row.CustomerId);
        return Sale.Record(items, plan, context.Tree.ChainFor(row.DistributorId, plan), key, request.Fingerprint(), row.ExternalId, at, customer);
    }

    /// <summary>Whether the rows checked so far allow writing: always when the good rows are posted, else only while none is refused.</summary>
    private static bool Writing(List<BatchRowError> errors, bool postGoodRows) => postGoodRows || errors.Count == 0;

    private static BatchOutcome Finish(IReadOnlyList<BatchSale> sales, int saleCount, int lineCount, Money total, List<BatchRowError> errors, bool postGoodRows)
    {
        if (errors.Count > 0 && !postGoodRows)
        {
            throw new BatchRejectedException(errors);
        }

        if (saleCount == 0 && sales.Count > 0)
        {
            // Nothing good to post: say why, row by row, every row (they were all collected), so the counts add up.
            throw new BatchRejectedException([.. errors.OrderBy(e => e.Row)]);
        }

        return new BatchOutcome(string.Empty, saleCount, lineCount, total, Replayed: false) { Refused = [.. errors.OrderBy(e => e.Row)] };
    }

    /// <summary>SQLite (the demo default): the same sales through EF, and the same counters as single sales.</summary>
    private static async Task<BatchOutcome> SaveAsync(MlmDbContext db, IReadOnlyList<BatchSale> sales, List<string> keys, BatchContext context, List<BatchRowError> refused, bool postGoodRows, IProgress<BatchProgress>? progress, CancellationToken ct)
    {
        var lineCount = 0;
        var saleCount = 0;
        var total = Money.Zero;
        var errors = new List<BatchRowError>(refused);
        var skip = refused.Select(e => e.Row).ToHashSet();
        for (var i = 0; i < sales.Count; i++)
        {
            var sale = skip.Contains(i) ? null : TryRecord(i, sales[i], keys[i], context, errors, postGoodRows);
            if (sale is null || !Writing(errors, postGoodRows))
            {
                continue;
            }

            saleCount++;
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

        progress?.Report(new BatchProgress(sales.Count, sales.Count, sales.Count));
        return Finish(sales, saleCount, lineCount, total, errors, postGoodRows);
    }

    /// <summary>PostgreSQL: chunk by chunk, compute with the domain rules, then binary COPY the rows; counters once, at the end.</summary>
    private static async Task<BatchOutcome> CopyAsync(MlmDbContext db, IReadOnlyList<BatchSale> sales, List<string> keys, BatchContext context, List<BatchRowError> refused, bool postGoodRows, IProgress<BatchProgress>? progress, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var counters = new BatchCounters();
        var lineCount = 0;
        var saleCount = 0;
        var total = Money.Zero;
        var errors = new List<BatchRowError>(refused);
        var skip = refused.Select(e => e.Row).ToHashSet();
        for (var start = 0; start < sales.Count; start += ChunkSize)
        {
            var count = Math.Min(ChunkSize, sales.Count - start);
            var chunk = new List<Sale>(count);
            for (var i = 0; i < count; i++)
            {
                if (!skip.Contains(start + i) && TryRecord(start + i, sales[start + i], keys[start + i], context, errors, postGoodRows) is { } sale && Writing(errors, postGoodRows))
                {
                    chunk.Add(sale);
                    counters.Add(sale, context.Tree);
                    lineCount += sale.Commissions.Count;
                    total += sale.Base;
                }

                if ((i + 1) % ProgressEvery == 0)
                {
                    progress?.Report(new BatchProgress(start + i + 1, start, sales.Count));
                }
            }

            saleCount += chunk.Count;
            if (Writing(errors, postGoodRows) && chunk.Count > 0)
            {
                var ids = await RawSql.QueryAsync(db, "SELECT nextval(pg_get_serial_sequence('sales', 'id')) FROM generate_series(1, @n)", r => r.Whole(0), ct, ("n", chunk.Count));
                await WriteChunkAsync(connection, [.. chunk.Select((s, i) => (ids[i], s))], ct);
                progress?.Report(new BatchProgress(start + count, start + count, sales.Count));
            }
        }

        var outcome = Finish(sales, saleCount, lineCount, total, errors, postGoodRows);
        await counters.WriteAsync(connection, ct);
        return outcome;
    }

    private static async Task WriteChunkAsync(NpgsqlConnection connection, List<(long Id, Sale Sale)> chunk, CancellationToken ct)
    {
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY sales (id, distributor_id, created_at, period_key, total_cents, base_cents, plan_version, external_id, idempotency_key, request_hash, customer_id) FROM STDIN (FORMAT BINARY)", ct))
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
                if (sale.CustomerId is { } customer)
                {
                    await writer.WriteAsync(customer, NpgsqlDbType.Bigint, ct);
                }
                else
                {
                    await writer.WriteNullAsync(ct);
                }
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
            if (sale.CustomerId is not null || sale.OrderDate is not null)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"c{sale.CustomerId}d{sale.OrderDate:yyyy-MM-dd}|");
            }

            foreach (var line in sale.Lines ?? [])
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{line.Sku?.Trim().ToUpperInvariant()}:{line.Quantity};");
            }

            hash.AppendData(Encoding.UTF8.GetBytes(text.Append('\n').ToString()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
