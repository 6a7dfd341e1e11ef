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

    internal void Report(BatchProgress value) => progress = value;

    internal void Finish(SaleImportState state, FormattableString summary, IReadOnlyList<FormattableString>? errors = null, IReadOnlyList<SaleCsvRefusal>? refused = null)
    {
        Summary = summary;
        Errors = errors ?? [];
        Refused = refused ?? [];
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
                import.Finish(SaleImportState.Refused, $"Nothing was imported: {file.Refused.Count:N0} orders are not valid.", refused: file.Refused);
                return;
            }

            var outcome = await posting.PostAsync(batchKey, file.Sales, new Reporter(import), lifetime.ApplicationStopping, import.PostGoodOrders);
            if (outcome.Replayed)
            {
                import.Finish(SaleImportState.AlreadyImported, $"This file was imported before: {outcome.SaleCount:N0} sales with {outcome.LineCount:N0} commission lines. Nothing was posted again.");
                return;
            }

            var db = scope.ServiceProvider.GetRequiredService<MlmDbContext>();
            db.Audit(import.StartedBy, "sales.import", $"file {import.FileName}", $"{outcome.SaleCount:N0} sales, {outcome.LineCount:N0} commission lines, base {outcome.TotalBase}, batch {batchKey}", clock.UtcNow);
            await db.SaveChangesAsync(lifetime.ApplicationStopping);
            var refused = file.Refused.Concat(outcome.Refused.Where(r => r.Row < file.Records.Count).Select(r => new SaleCsvRefusal(file.Records[r.Row], Reason(r, file)))).OrderBy(r => r.Rows[0].Line).ToList();
            import.Finish(
                SaleImportState.Imported,
                refused.Count == 0
                    ? (FormattableString)$"Imported {outcome.SaleCount:N0} sales with {outcome.LineCount:N0} commission lines (commission base {outcome.TotalBase})."
                    : $"Imported {outcome.SaleCount:N0} sales with {outcome.LineCount:N0} commission lines (commission base {outcome.TotalBase}); {refused.Count:N0} orders were refused: download them, fix them and upload them again.",
                refused: refused);
        }
        catch (BatchRejectedException e) when (import.PostGoodOrders)
        {
            var refused = file.Refused.Concat(e.Errors.Where(r => r.Row < file.Records.Count).Select(r => new SaleCsvRefusal(file.Records[r.Row], Reason(r, file)))).OrderBy(r => r.Rows[0].Line).ToList();
            import.Finish(SaleImportState.Refused, $"Nothing was imported: {refused.Count:N0} orders are not valid.", refused: refused);
        }
        catch (BatchRejectedException e)
        {
            var errors = e.Errors.Select(r => r.Row < file.FirstLines.Count
                ? $"Line {file.FirstLines[r.Row]} (order {file.Sales[r.Row].ExternalId}): {(object?)r.Rule ?? r.Message}"
                : (FormattableString)$"{(object?)r.Rule ?? r.Message}").ToList();
            import.Finish(SaleImportState.Refused, $"Nothing was imported: {e.Errors.Count:N0} orders are not valid.", errors);
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

    /// <summary>A row's refusal, said with its file line and order like the reader's errors.</summary>
    private static FormattableString Reason(BatchRowError error, SaleCsvFile file) =>
        $"Line {file.FirstLines[error.Row]} (order {file.Sales[error.Row].ExternalId}): {(object?)error.Rule ?? error.Message}";

    private sealed class Reporter(SaleImport import) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => import.Report(value);
    }
}
