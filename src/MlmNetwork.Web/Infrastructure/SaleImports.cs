using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Sales;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>An order of a file that was posted before (by another file): skipped, not refused.</summary>
public sealed record AlreadyImportedOrder(int Line, string OrderId, long SaleId);

/// <summary>One uploaded sales file as the admin's progress page sees it, read from its row in <c>sale_imports</c>.</summary>
public sealed class SaleImport
{
    public Guid Id { get; init; }

    public string FileName { get; init; } = string.Empty;

    public string StartedBy { get; init; } = string.Empty;

    public DateTime StartedAt { get; init; }

    public int Total { get; init; }

    public SaleImportState State { get; init; }

    public BatchProgress Progress { get; init; } = new(0, 0, 0);

    /// <summary>Checking and writing each count for half of the bar.</summary>
    public int Percent => State is SaleImportState.Imported or SaleImportState.AlreadyImported
        ? 100
        : (int)Math.Min(99, (Progress.Checked + (long)Progress.Written) * 50 / Math.Max(1, Total));

    /// <summary>How it went, as a template with values (shown in the reader's language); "Starting" while it runs.</summary>
    public FormattableString Summary { get; init; } = $"Starting";

    /// <summary>The orders that refused the file, each as a template with values.</summary>
    public IReadOnlyList<FormattableString> Errors { get; init; } = [];

    /// <summary>True when the good orders are posted and the refused ones handed back.</summary>
    public bool PostGoodOrders { get; init; }

    /// <summary>How many orders were left out (when only the good ones were posted): <see cref="SaleImports.RefusedFileAsync"/> has them.</summary>
    public int RefusedCount { get; init; }

    /// <summary>
    /// The orders of the file already posted by an earlier file (when only the good ones were
    /// posted): skipped and counted apart, not in the refused file, since nothing in them needs fixing.
    /// </summary>
    public IReadOnlyList<AlreadyImportedOrder> AlreadyImported { get; init; } = [];
}

/// <summary>The refused orders of an import, with the file's header, for the file to fix and upload again.</summary>
public sealed record RefusedOrders(string FileName, IReadOnlyList<string> Header, IReadOnlyList<SaleCsvRefusal> Refused);

/// <summary>
/// Runs uploaded sales files in the background, one at a time across every app instance (the
/// <see cref="LockKeys.SaleImport"/> cluster lock, held by the importing instance until the file
/// is done), so the upload returns at once and the page can show a progress bar. The import
/// itself is one transaction: a refused or failed file leaves nothing behind, and the file's
/// hash as batch key makes an upload of the same file again a replay. In the mode that posts the
/// good orders, the refused ones are kept with their reasons for the admin to download, fix and
/// upload again. Everything the page shows is in <c>sale_imports</c> (progress written a few
/// times a second), so whichever instance answers shows the same; an import whose instance
/// stopped (its row running, the lock free) is marked failed when the page or the next upload
/// meets it.
/// </summary>
public sealed class SaleImports(IServiceScopeFactory scopes, IDbContextFactory<MlmDbContext> contexts, ClusterLocks locks, BusinessClock clock, IHostApplicationLifetime lifetime, ILogger<SaleImports> logger)
{
    private const int Kept = 20;

    /// <summary>How often a running import writes its progress.</summary>
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

    public async Task<SaleImport?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await Shown(db.SaleImports.Where(i => i.Id == id)).FirstOrDefaultAsync(ct);
        if (found is { State: SaleImportState.Running } && await RecoverAsync(db, ct))
        {
            found = await Shown(db.SaleImports.Where(i => i.Id == id)).FirstOrDefaultAsync(ct);
        }

        return found is null ? null : Read(found, full: true);
    }

    public async Task<IReadOnlyList<SaleImport>> RecentAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var recent = await Shown(db.SaleImports.OrderByDescending(i => i.StartedAt).Take(Kept)).ToListAsync(ct);
        if (recent.Any(i => i.State == SaleImportState.Running) && await RecoverAsync(db, ct))
        {
            recent = await Shown(db.SaleImports.OrderByDescending(i => i.StartedAt).Take(Kept)).ToListAsync(ct);
        }

        return [.. recent.Select(r => Read(r, full: false))];
    }

    /// <summary>The refused orders of a finished import; null when there is no such import or it refused none.</summary>
    public async Task<RefusedOrders?> RefusedFileAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.SaleImports.AsNoTracking()
            .Where(i => i.Id == id && i.RefusedCount > 0 && i.State != SaleImportState.Running)
            .Select(i => new { i.FileName, i.Header, i.Refused })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : new RefusedOrders(found.FileName, JsonSerializer.Deserialize<List<string>>(found.Header) ?? [], ReadRefusals(found.Refused));
    }

    /// <summary>Starts importing <paramref name="file"/>; null when another file is being imported (by this instance or another).</summary>
    public async Task<SaleImport?> TryStartAsync(string fileName, string batchKey, SaleCsvFile file, string actor, bool postGoodOrders, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var held = await locks.TryTakeAsync(LockKeys.SaleImport, ct);
        for (var attempt = 0; held is null && attempt < 10 && !await AnyRunningAsync(ct); attempt++)
        {
            // Held, with no import running: the last one wrote its outcome and is letting the lock go.
            await Task.Delay(100, ct);
            held = await locks.TryTakeAsync(LockKeys.SaleImport, ct);
        }

        if (held is null)
        {
            return null;
        }

        SaleImportRecord row;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            // Holding the lock, no import runs anywhere, unless an instance that lost its lock is still posting.
            if (await EndInterruptedAsync(db, ct) == Interrupted.PostingRuns)
            {
                await held.DisposeAsync();
                return null;
            }

            row = new SaleImportRecord
            {
                Id = Guid.NewGuid(),
                FileName = fileName,
                StartedBy = actor,
                StartedAt = clock.UtcNow,
                Total = file.Sales.Count,
                State = SaleImportState.Running,
                PostGoodOrders = postGoodOrders,
                BatchKey = batchKey,
                Summary = StoredText.Write($"Starting"),
                Header = JsonSerializer.Serialize(file.Header),
            };
            db.SaleImports.Add(row);
            await db.SaveChangesAsync(ct);
            var kept = db.SaleImports.OrderByDescending(i => i.StartedAt).Take(Kept).Select(i => i.Id);
            await db.SaleImports.Where(i => i.State != SaleImportState.Running && !kept.Contains(i.Id)).ExecuteDeleteAsync(ct);
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }

        _ = Task.Run(() => RunAsync(row.Id, row.FileName, actor, postGoodOrders, batchKey, file, held), CancellationToken.None);
        return Read(row, full: true);
    }

    private async Task<bool> AnyRunningAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SaleImports.AnyAsync(i => i.State == SaleImportState.Running, ct);
    }

    private async Task RunAsync(Guid id, string fileName, string actor, bool postGoodOrders, string batchKey, SaleCsvFile file, IClusterLock held)
    {
        await using (held)
        {
            var reporter = new Reporter();
            using var stopWriting = new CancellationTokenSource();
            var progressWriter = Task.Run(() => WriteProgressAsync(id, reporter, stopWriting.Token));
            Ending ending;
            try
            {
                ending = await PostAsync(id, fileName, actor, postGoodOrders, batchKey, file, reporter);
            }
            finally
            {
                await stopWriting.CancelAsync();
                await progressWriter;
            }

            if (ending.Written)
            {
                return;
            }

            try
            {
                await FinishAsync(id, ending, reporter.Latest);
            }
            catch (Exception e)
            {
                // The row stays running; with the lock released, the next reader marks it failed.
                logger.LogError(e, "Sales import {ImportId} of {FileName} ended {State} but its outcome could not be written", id, fileName, ending.State);
            }
        }
    }

    /// <summary>
    /// Posts the file; an import that posts writes its outcome (with the refused orders) and its
    /// audit entry in the posting's own transaction, so whatever stops the instance, the sales
    /// and what the page says of them go in together or not at all.
    /// </summary>
    private async Task<Ending> PostAsync(Guid id, string fileName, string actor, bool postGoodOrders, string batchKey, SaleCsvFile file, Reporter reporter)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var posting = scope.ServiceProvider.GetRequiredService<SaleBatchPosting>();
            if (file.Sales.Count == 0)
            {
                return new(SaleImportState.Refused, $"Nothing was imported: {NotValid(file.Refused.Count)}.", Refused: file.Refused);
            }

            var steps = new BatchTransactionSteps(
                (db, ct) => StillRunningAsync(db, id, ct),
                async (db, outcome, ct) =>
                {
                    db.Audit(actor, "sales.import", $"file {fileName}", $"{outcome.SaleCount:N0} sales, {outcome.LineCount:N0} commission lines, base {outcome.TotalBase}, batch {batchKey}", clock.UtcNow);
                    var row = await db.SaleImports.SingleAsync(i => i.Id == id, ct);
                    Apply(row, Imported(outcome, file), reporter.Latest);
                    await db.SaveChangesAsync(ct);
                });
            var outcome = await posting.PostAsync(batchKey, file.Sales, reporter, lifetime.ApplicationStopping, postGoodOrders, steps);
            return outcome.Replayed
                ? new(SaleImportState.AlreadyImported, $"This file was imported before: {Sales(outcome.SaleCount)} with {Lines(outcome.LineCount)}. Nothing was posted again.")
                : Imported(outcome, file) with { Written = true };
        }
        catch (BatchRejectedException e) when (postGoodOrders)
        {
            var (refused, skipped) = Sorted(file, e.Errors);
            return new(
                refused.Count == 0 ? SaleImportState.AlreadyImported : SaleImportState.Refused,
                refused.Count == 0
                    ? (FormattableString)$"Nothing new to import: {new Plural(skipped.Count, "the order was already imported|all {0:N0} orders were already imported")}."
                    : $"Nothing was imported: {NotValid(refused.Count)}.{SkippedPart(skipped.Count)}",
                Refused: refused,
                Skipped: skipped);
        }
        catch (BatchRejectedException e)
        {
            return new(SaleImportState.Refused, $"Nothing was imported: {NotValid(e.Errors.Count)}.", [.. e.Errors.Select(r => RowError(r, file))]);
        }
        catch (DomainRuleException e)
        {
            return new(SaleImportState.Refused, $"Nothing was imported: {e}");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Sales import {ImportId} of {FileName} failed", id, fileName);
            return new(SaleImportState.Failed, $"The import failed and nothing was posted; the server log has the details. Try again.");
        }
    }

    private static Ending Imported(BatchOutcome outcome, SaleCsvFile file)
    {
        var (refused, skipped) = Sorted(file, outcome.Refused);
        return new(
            SaleImportState.Imported,
            $"Imported {Sales(outcome.SaleCount)} with {Lines(outcome.LineCount)} (commission base {outcome.TotalBase}).{RefusedPart(refused.Count)}{SkippedPart(skipped.Count)}",
            Refused: refused,
            Skipped: skipped);
    }

    /// <summary>
    /// First thing in the posting's transaction: takes the posting lock (held until it commits or
    /// rolls back) and goes on only while the import is still running. An instance that lost its
    /// import lock (its lock session ended) may have had its import ended as interrupted by
    /// another; then nothing of it is posted, as that one told the admin.
    /// </summary>
    private static async Task StillRunningAsync(MlmDbContext db, Guid id, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKeys.SaleImportPosting})", ct);
        }

        var state = await db.SaleImports.Where(i => i.Id == id).Select(i => i.State).SingleAsync(ct);
        if (state != SaleImportState.Running)
        {
            throw new InvalidOperationException($"Sales import {id} was ended ({state}) by another app instance before its posting began: this instance had lost the import lock. Nothing of it was posted.");
        }
    }

    /// <summary>Writes the import's progress while it runs, at most every <see cref="ProgressEvery"/>, when it moved.</summary>
    private async Task WriteProgressAsync(Guid id, Reporter reporter, CancellationToken stop)
    {
        BatchProgress? written = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ProgressEvery, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var latest = reporter.Latest;
            if (latest is null || latest == written)
            {
                continue;
            }

            try
            {
                await using var db = await contexts.CreateDbContextAsync(stop);
                await db.SaleImports.Where(i => i.Id == id && i.State == SaleImportState.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Checked, latest.Checked).SetProperty(i => i.Written, latest.Written), stop);
                written = latest;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Only the bar lags; the import goes on.
                logger.LogWarning(e, "Could not write the progress of sales import {ImportId}", id);
            }
        }
    }

    /// <summary>Writes how an import ended, unless it was ended already (as interrupted, by another instance).</summary>
    private Task<int> FinishAsync(Guid id, Ending ending, BatchProgress? progress) =>
        Retrying.RunAsync(contexts, logger, "sales import outcome", async db =>
        {
            var row = await db.SaleImports.SingleAsync(i => i.Id == id, CancellationToken.None);
            if (row.State != SaleImportState.Running)
            {
                return 0;
            }

            Apply(row, ending, progress);
            return await db.SaveChangesAsync(CancellationToken.None);
        }, CancellationToken.None);

    private void Apply(SaleImportRecord row, Ending ending, BatchProgress? progress)
    {
        row.State = ending.State;
        row.FinishedAt = clock.UtcNow;
        row.Summary = StoredText.Write(ending.Summary);
        row.Errors = StoredText.WriteAll(ending.Errors ?? []);
        row.Refused = WriteRefusals(ending.Refused ?? []);
        row.RefusedCount = ending.Refused?.Count ?? 0;
        row.AlreadyImported = JsonSerializer.Serialize(ending.Skipped ?? []);
        if (progress is not null)
        {
            (row.Checked, row.Written) = (progress.Checked, progress.Written);
        }
    }

    /// <summary>
    /// When nobody holds the import lock, the imports still marked running were left by an
    /// instance that stopped: they are ended. Says whether any was.
    /// </summary>
    private async Task<bool> RecoverAsync(MlmDbContext db, CancellationToken ct) =>
        !await locks.IsHeldAsync(LockKeys.SaleImport, ct) && await EndInterruptedAsync(db, ct) == Interrupted.Ended;

    /// <summary>
    /// Ends the imports still marked running, whose instance stopped: failed, since the posting is
    /// one transaction and nothing of the file was posted; or imported, when the file's batch is
    /// there (an upload of a file posted before, whose instance stopped before it said so). Holds
    /// the posting lock while it looks, so no posting can commit meanwhile; while one is open
    /// (an instance that lost its import lock but is still posting) nothing is ended.
    /// </summary>
    private async Task<Interrupted> EndInterruptedAsync(MlmDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql()
            && !await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKeys.SaleImportPosting}) AS \"Value\"").SingleAsync(ct))
        {
            return Interrupted.PostingRuns;
        }

        var interrupted = await db.SaleImports.AsNoTracking().Where(i => i.State == SaleImportState.Running).Select(i => new { i.Id, i.BatchKey }).ToListAsync(ct);
        foreach (var import in interrupted)
        {
            var batch = await db.SaleBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Key == import.BatchKey, ct);
            var (state, summary) = batch is null
                ? (SaleImportState.Failed, StoredText.Write($"The app stopped while this file was importing; nothing was posted. Upload it again."))
                : (SaleImportState.Imported, StoredText.Write($"Imported {Sales(batch.SaleCount)} with {Lines(batch.LineCount)} (commission base {batch.TotalBase}).{(FormattableString)$""}{(FormattableString)$""}"));
            await db.SaleImports.Where(i => i.Id == import.Id && i.State == SaleImportState.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, state).SetProperty(i => i.Summary, summary).SetProperty(i => i.FinishedAt, clock.UtcNow), ct);
        }

        await transaction.CommitAsync(ct);
        if (interrupted.Count > 0)
        {
            logger.LogWarning("{Count} sales imports were left running by an app instance that stopped; ended from what the database holds", interrupted.Count);
        }

        return interrupted.Count > 0 ? Interrupted.Ended : Interrupted.None;
    }

    /// <summary>The columns a page shows: not the refused orders themselves, which only the download needs.</summary>
    private static IQueryable<SaleImportRecord> Shown(IQueryable<SaleImportRecord> rows) =>
        rows.AsNoTracking().Select(i => new SaleImportRecord
        {
            Id = i.Id,
            FileName = i.FileName,
            StartedBy = i.StartedBy,
            StartedAt = i.StartedAt,
            Total = i.Total,
            State = i.State,
            Checked = i.Checked,
            Written = i.Written,
            PostGoodOrders = i.PostGoodOrders,
            Summary = i.Summary,
            Errors = i.Errors,
            RefusedCount = i.RefusedCount,
            AlreadyImported = i.AlreadyImported,
        });

    private static SaleImport Read(SaleImportRecord row, bool full) => new()
    {
        Id = row.Id,
        FileName = row.FileName,
        StartedBy = row.StartedBy,
        StartedAt = row.StartedAt,
        Total = row.Total,
        State = row.State,
        Progress = new BatchProgress(row.Checked, row.Written, row.Total),
        Summary = StoredText.Read(row.Summary),
        Errors = full ? StoredText.ReadAll(row.Errors) : [],
        PostGoodOrders = row.PostGoodOrders,
        RefusedCount = row.RefusedCount,
        AlreadyImported = full ? JsonSerializer.Deserialize<List<AlreadyImportedOrder>>(row.AlreadyImported) ?? [] : [],
    };

    /// <summary>Each refused order: its records as written (line and fields), why (a template with values), its order id and the line the reason is about.</summary>
    private static string WriteRefusals(IReadOnlyList<SaleCsvRefusal> refused) => StoredText.Json(w =>
    {
        w.WriteStartArray();
        foreach (var refusal in refused)
        {
            w.WriteStartObject();
            w.WriteStartArray("rows");
            foreach (var row in refusal.Rows)
            {
                w.WriteStartObject();
                w.WriteNumber("line", row.Line);
                w.WriteStartArray("fields");
                foreach (var field in row.Fields)
                {
                    w.WriteStringValue(field);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("reason");
            StoredText.WriteText(w, refusal.Reason);
            w.WriteString("order", refusal.OrderId);
            if (refusal.AtLine is { } at)
            {
                w.WriteNumber("at", at);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private static List<SaleCsvRefusal> ReadRefusals(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(r => new SaleCsvRefusal(
            [.. r.GetProperty("rows").EnumerateArray().Select(row => new SaleCsvRow(row.GetProperty("line").GetInt32(), [.. row.GetProperty("fields").EnumerateArray().Select(f => f.GetString() ?? string.Empty)]))],
            StoredText.ReadText(r.GetProperty("reason")),
            r.GetProperty("order").GetString(),
            r.TryGetProperty("at", out var at) ? at.GetInt32() : null))];
    }

    /// <summary>What refuses one order of a file, said with its line and order; an order an earlier file posted, plainly as that.</summary>
    public static FormattableString RowError(BatchRowError error, SaleCsvFile file)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(file);
        if (error.Row >= file.FirstLines.Count)
        {
            return $"{(object?)error.Rule ?? error.Message}";
        }

        return error.PostedSaleId is { } sale
            ? (FormattableString)$"Line {file.FirstLines[error.Row]} (order {file.Sales[error.Row].ExternalId}): already imported as sale #{sale}."
            : $"Line {file.FirstLines[error.Row]} (order {file.Sales[error.Row].ExternalId}): {(object?)error.Rule ?? error.Message}";
    }

    /// <summary>
    /// The posting's refused rows as the file's refused orders (with the reader's own, in file
    /// order), apart from the orders an earlier file already posted.
    /// </summary>
    private static (List<SaleCsvRefusal> Refused, List<AlreadyImportedOrder> Skipped) Sorted(SaleCsvFile file, IReadOnlyList<BatchRowError> errors)
    {
        var known = errors.Where(r => r.Row < file.Records.Count).ToList();
        var refused = file.Refused
            .Concat(known.Where(r => r.PostedSaleId is null).Select(r => new SaleCsvRefusal(file.Records[r.Row], $"{(object?)r.Rule ?? r.Message}", file.Sales[r.Row].ExternalId)))
            .OrderBy(r => r.Rows[0].Line)
            .ToList();
        var skipped = known.Where(r => r.PostedSaleId is not null).Select(r => new AlreadyImportedOrder(file.FirstLines[r.Row], file.Sales[r.Row].ExternalId ?? string.Empty, r.PostedSaleId!.Value)).ToList();
        return (refused, skipped);
    }

    private static Plural Sales(int count) => new(count, "{0:N0} sale|{0:N0} sales");

    private static Plural Lines(int count) => new(count, "{0:N0} commission line|{0:N0} commission lines");

    private static Plural NotValid(int count) => new(count, "{0:N0} order is not valid|{0:N0} orders are not valid");

    private static FormattableString RefusedPart(int count) => count == 0
        ? (FormattableString)$""
        : $" {new Plural(count, "{0:N0} order was refused: download it, fix it and upload it again.|{0:N0} orders were refused: download them, fix them and upload them again.")}";

    private static FormattableString SkippedPart(int count) => count == 0
        ? (FormattableString)$""
        : $" {new Plural(count, "{0:N0} order was imported before (by another file) and was skipped.|{0:N0} orders were imported before (by another file) and were skipped.")}";

    /// <summary>How an import ended, to be written to its row (<see cref="Written"/>: it was, in the posting's transaction).</summary>
    private sealed record Ending(SaleImportState State, FormattableString Summary, IReadOnlyList<FormattableString>? Errors = null, IReadOnlyList<SaleCsvRefusal>? Refused = null, IReadOnlyList<AlreadyImportedOrder>? Skipped = null)
    {
        public bool Written { get; init; }
    }

    private enum Interrupted
    {
        None,
        Ended,
        PostingRuns,
    }

    /// <summary>Keeps the posting's latest progress for <see cref="WriteProgressAsync"/>.</summary>
    private sealed class Reporter : IProgress<BatchProgress>
    {
        private BatchProgress? latest;

        public BatchProgress? Latest => Volatile.Read(ref latest);

        public void Report(BatchProgress value) => Volatile.Write(ref latest, value);
    }
}
