using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MlmNetwork.Infrastructure;
using Npgsql;

namespace MlmNetwork.Web.Tests;

/// <summary>Business time the tests can move (months at a time) without touching the framework's clock.</summary>
public sealed class TestBusinessClock : BusinessClock
{
    private DateTime? now;

    public override DateTime UtcNow => now ?? DateTime.UtcNow;

    public void Set(DateTime utc) => now = DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    public void Reset() => now = null;
}

/// <summary>
/// Faults on demand, on the app's real PostgreSQL connections: the server ending the session in
/// the middle of posting (pg_terminate_backend), or a commit that happened but whose answer
/// never reached the app.
/// </summary>
public sealed class FaultInjector : DbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private int terminateOnCommandContaining;
    private int outage;
    private int failNextCommand;

    /// <summary>From now on every connection the app opens fails as if the database server were down, until <see cref="Disarm"/>.</summary>
    public void StartOutage() => Interlocked.Exchange(ref outage, 1);

    /// <summary>The next command fails with an error the app does not expect (a bug, not bad input).</summary>
    public void FailNextCommand() => Interlocked.Exchange(ref failNextCommand, 1);

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        Volatile.Read(ref outage) == 1
            ? throw new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111))
            : ValueTask.FromResult(result);

    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        Volatile.Read(ref outage) == 1
            ? throw new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111))
            : result;
    private string commandText = string.Empty;
    private int loseCommitAnswers;

    public string? ServerConnectionString { get; set; }

    public int Fired { get; private set; }

    /// <summary>The next command whose SQL contains <paramref name="sql"/> has its server session terminated first.</summary>
    public void TerminateBackendOnNext(string sql)
    {
        commandText = sql;
        Interlocked.Exchange(ref terminateOnCommandContaining, 1);
    }

    /// <summary>The next commit succeeds on the server, then fails in the app as if the connection dropped.</summary>
    public void LoseNextCommitAnswer() => Interlocked.Exchange(ref loseCommitAnswers, 1);

    public void Disarm()
    {
        Interlocked.Exchange(ref terminateOnCommandContaining, 0);
        Interlocked.Exchange(ref loseCommitAnswers, 0);
        Interlocked.Exchange(ref outage, 0);
        Interlocked.Exchange(ref failNextCommand, 0);
        Fired = 0;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await MaybeTerminateAsync(command, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await MaybeTerminateAsync(command, cancellationToken);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref loseCommitAnswers, 0) == 1)
        {
            Fired++;
            throw new NpgsqlException("Simulated fault: the commit's answer was lost", new IOException("connection reset"));
        }

        return Task.CompletedTask;
    }

    private async Task MaybeTerminateAsync(DbCommand command, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref failNextCommand, 0) == 1)
        {
            throw new InvalidOperationException("Simulated bug in a query");
        }

        if (command.Connection is not NpgsqlConnection connection || !command.CommandText.Contains(commandText, StringComparison.Ordinal)
            || Interlocked.Exchange(ref terminateOnCommandContaining, 0) != 1)
        {
            return;
        }

        Fired++;
        await using var admin = new NpgsqlConnection(ServerConnectionString);
        await admin.OpenAsync(ct);
        await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
        kill.Parameters.AddWithValue("pid", connection.ProcessID);
        await kill.ExecuteScalarAsync(ct);
    }
}
