using System.Collections.Concurrent;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Sales;

namespace MlmNetwork.Web.Infrastructure;

public enum SaleImportState
{
    Running,
    Imported,
    AlreadyImported,
    Refused,
    Failed,
}

/// <summary>An order of a file that was posted before (by another file): skipped, not refused.</summary>
public sealed record AlreadyImportedOrder(int Line, string OrderId, long SaleId);

/// <summary>One uploaded sales file on its way through <see cref="SaleBatchPosting"/>, as the admin's progress bar sees it.</summary>
public sealed class SaleImport(Guid id, string fileName, string startedBy, DateTime startedAt, int total)
{
    private BatchProgress progress = new(0, 0, total);

    public Guid Id { get; } = id;

    public string FileName { get; } = fileName;

    public string StartedBy { get; } = startedBy;

    public DateTime StartedAt { get; } = startedAt;

    public int Total { get; } = total;

    public SaleImportState State { get; private set; } = SaleImportState.Running;

    public BatchProgress Progress => progress;

    /// <summary>Checking and writing each count for half of the bar.</summary>
    public int Percent => State is SaleImportState.Imported or SaleImportState.AlreadyImported
        ? 100
        : (int)Math.Min(99, (progress.Checked + (long)progress.Written) * 50 / Math.Max(1, Total));

    /// <summary>How it went, as a template with values (shown in the reader's language); "Starting" while it runs.</summary>
    public FormattableString Summary { get; private set; } = $"Starting";

    /// <summary>The orders that refused the file, each as a template with values.</summary>
    public IReadOnlyList<FormattableString> Errors { get; private set; } = [];

    /// <summary>True when the good orders are posted and the refused ones handed back.</summary>
    public bool PostGoodOrders { get; init; }

    /// <summary>The file's header as written, for the file of refused orders.</summary>
    public IReadOnlyList<string> Header { get; init; } = [];

    /// <summary>The orders left out (when only the good ones were posted), with their records as written and why.</summary>
    public IReadOnlyList<SaleCsvRefusal> Refused { get; private set; } = [];

    /// <summary>
    /// The orders of the file already posted by an earlier file (when only the good ones were
    /// posted): skipped and counted apart, not in the refused file, since nothing in them needs fixing.
    /// </summary>
    public IReadOnlyList<AlreadyImportedOrder> AlreadyImported { get; private set; } = [];

    internal void Report(BatchProgress value) => progress = value;

    internal void Finish(SaleImportState state, FormattableString summary, IReadOnlyList<FormattableString>? errors = null, IReadOnlyList<SaleCsvRefusal>? refused = null, IReadOnlyList<AlreadyImportedOrder>? alreadyImported = null)
    {
        Summary = summary;
        Errors = errors ?? [];
        Refused = refused ?? [];
        AlreadyImported = alreadyImported ?? [];
        State = state;
    }
}

/// <summary>
/// Runs uploaded sales files in the background, one at a time, so the upload returns at once
/// and the page can show a progress bar. The import itself is one transaction: a refused or
/// failed file leaves nothing behind, and the file's hash as batch key makes an upload of the
/// same file again a replay. In the mode that posts the good orders, the refused ones are kept
/// with their reasons for the admin to download, fix and upload again. Progress lives in memory;
/// what was imported is in the database.
/// </summary>
public sealed class SaleImports(IServiceScopeFactory scopes, BusinessClock clock, IHostApplicationLifetime lifetime, ILogger<SaleImports> logger)
{
    private const int Kept = 20;
    private readonly ConcurrentDictionary<Guid, SaleImport> imports = new();
    private int running;

    public SaleImport? Find(Guid id) => imports.GetValueOrDefault(id);

    public IReadOnlyList<SaleImport> Recent() => [.. imports.Values.OrderByDescending(i => i.StartedAt).Take(Kept)];

    /// <summary>Starts importing <paramref name="file"/>; null when another file is still being imported.</summary>
    public SaleImport? TryStart(string fileName, string batchKey, SaleCsvFile file, string actor, bool postGoodOrders = false)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (Interlocked.CompareExchange(ref running, 1, 0) != 0)
        {
            return null;
        }

        var import = new SaleImport(Guid.NewGuid(), fileName, actor, clock.UtcNow, file.Sales.Count) { PostGoodOrders = postGoodOrders, Header = file.Header };
        imports[import.Id] = import;
        foreach (var old in imports.Values.OrderByDescending(i => i.StartedAt).Skip(Kept).Where(i => i.State != SaleImportState.Running))
        {
            imports.TryRemove(old.Id, out _);
        }

        _ = Task.Run(() => RunAsync(import, batchKey, file));
        return import;
    }

    private async Task RunAsync(SaleImport import, string batchKey, SaleCsvFile file)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var posting = scope.ServiceProvider.GetRequiredService<SaleBatchPosting>();
            if (file.Sales.Count == 0)
            {
                import.Finish(SaleImportState.Refused, $"Nothing was imported: {NotValid(file.Refused.Count)}.", refused: file.Refused);
                return;
            }

            var outcome = await posting.PostAsync(batchKey, file.Sales, new Reporter(import), lifetime.ApplicationStopping, import.PostGoodOrders);
            if (outcome.Replayed)
            {
                import.Finish(SaleImportState.AlreadyImported, $"This file was imported before: {Sales(outcome.SaleCount)} with {Lines(outcome.LineCount)}. Nothing was posted again.");
                return;
            }

            var db = scope.ServiceProvider.GetRequiredService<MlmDbContext>();
            db.Audit(import.StartedBy, "sales.import", $"file {import.FileName}", $"{outcome.SaleCount:N0} sales, {outcome.LineCount:N0} commission lines, base {outcome.TotalBase}, batch {batchKey}", clock.UtcNow);
            await db.SaveChangesAsync(lifetime.ApplicationStopping);
            var (refused, skipped) = Sorted(file, outcome.Refused);
            import.Finish(
                SaleImportState.Imported,
                $"Imported {Sales(outcome.SaleCount)} with {Lines(outcome.LineCount)} (commission base {outcome.TotalBase}).{RefusedPart(refused.Count)}{SkippedPart(skipped.Count)}",
                refused: refused,
                alreadyImported: skipped);
        }
        catch (BatchRejectedException e) when (import.PostGoodOrders)
        {
            var (refused, skipped) = Sorted(file, e.Errors);
            import.Finish(
                refused.Count == 0 ? SaleImportState.AlreadyImported : SaleImportState.Refused,
                refused.Count == 0
                    ? (FormattableString)$"Nothing new to import: {new Plural(skipped.Count, "the order was already imported|all {0:N0} orders were already imported")}."
                    : $"Nothing was imported: {NotValid(refused.Count)}.{SkippedPart(skipped.Count)}",
                refused: refused,
                alreadyImported: skipped);
        }
        catch (BatchRejectedException e)
        {
            var errors = e.Errors.Select(r => RowError(r, file)).ToList();
            import.Finish(SaleImportState.Refused, $"Nothing was imported: {NotValid(e.Errors.Count)}.", errors);
        }
        catch (DomainRuleException e)
        {
            import.Finish(SaleImportState.Refused, $"Nothing was imported: {e}");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Sales import {ImportId} of {FileName} failed", import.Id, import.FileName);
            import.Finish(SaleImportState.Failed, $"The import failed and nothing was posted; the server log has the details. Try again.");
        }
        finally
        {
            Volatile.Write(ref running, 0);
        }
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

    private sealed class Reporter(SaleImport import) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => import.Report(value);
    }
}
