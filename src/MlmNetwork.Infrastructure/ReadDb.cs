using Microsoft.EntityFrameworkCore;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// The database the read-only pages and API reads use (the dashboard, the genealogy, the reports,
/// the upline): a PostgreSQL streaming replica when <c>ConnectionStrings:Replica</c> is set, the
/// primary otherwise. Figures read here can trail the primary by the replica's lag, so nothing
/// read here decides a write: every write, and every read that a write depends on, uses the
/// request's <see cref="MlmDbContext"/> on the primary. Its queries track no entities.
/// </summary>
public sealed class ReadDb : IAsyncDisposable
{
    private readonly MlmDbContext? own;

    private readonly MlmDbContext primary;

    private ReadDb(MlmDbContext context, MlmDbContext primary, bool fromReplica)
    {
        Context = context;
        FromReplica = fromReplica;
        own = fromReplica ? context : null;
        this.primary = primary;
    }

    public MlmDbContext Context { get; }

    /// <summary>True when this request reads from the replica (pages then say their figures can trail).</summary>
    public bool FromReplica { get; }

    /// <summary>Reads on the primary, through the request's own context.</summary>
    public static ReadDb OnPrimary(MlmDbContext primary) => new(primary, primary, fromReplica: false);

    /// <summary>Reads on the replica, through a context of its own, disposed with this; <paramref name="primary"/> for what the replica has not got yet.</summary>
    public static ReadDb OnReplica(MlmDbContext replica, MlmDbContext primary) => new(replica, primary, fromReplica: true);

    /// <summary>
    /// A read that can find nothing (null): on the replica, and when it finds nothing there, once
    /// more on the primary, since the replica may not have a row written a moment ago yet (a
    /// member who just joined opening their team, an integration reading back what it created).
    /// </summary>
    public async Task<T?> FoundAsync<T>(Func<MlmDbContext, Task<T?>> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        return await read(Context) ?? (FromReplica ? await read(primary) : null);
    }

    public ValueTask DisposeAsync() => own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
