using Npgsql;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// The idle connections of the read path (<see cref="ReadDb"/> on the replica). When the replica
/// stops, they are all dead, and each would fail one read before the pool learned it;
/// <see cref="ForgetIdle"/> drops them at the first failure, so the next read opens afresh: on the
/// replica when it is back, else (the standby only preferred) on the primary.
/// </summary>
public sealed class ReplicaConnections(string connectionString)
{
    public void ForgetIdle()
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }
}
