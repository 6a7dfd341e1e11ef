using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MlmNetwork.Infrastructure;

/// <summary>Plain ADO.NET over a context's connection and transaction, for the raw SQL the hot paths write.</summary>
public static class RawSql
{
    /// <summary>Runs a query in the context's connection and transaction and maps each row; parameters are named @name.</summary>
    public static Task<IReadOnlyList<T>> QueryAsync<T>(MlmDbContext db, string sql, Func<DbDataReader, T> map, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(map);
        return ReadAsync<IReadOnlyList<T>>(db, sql, async reader => await RowsAsync(reader, map, ct), ct, parameters);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (one statement or several, answered as several result sets) in
    /// the context's connection and transaction and hands the reader to <paramref name="read"/>;
    /// parameters are named @name.
    /// </summary>
    public static async Task<T> ReadAsync<T>(MlmDbContext db, string sql, Func<DbDataReader, Task<T>> read, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(read);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            return await read(reader);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Maps every row of the reader's current result set.</summary>
    public static async Task<List<T>> RowsAsync<T>(DbDataReader reader, Func<DbDataReader, T> map, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(map);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Maps every row of the reader's current result set, then moves to the next set.</summary>
    public static async Task<List<T>> RowsThenNextAsync<T>(DbDataReader reader, Func<DbDataReader, T> map, CancellationToken ct)
    {
        var rows = await RowsAsync(reader, map, ct);
        await reader.NextResultAsync(ct);
        return rows;
    }

    /// <summary>Reads an integer column (SUM gives numeric on PostgreSQL, integer on SQLite).</summary>
    public static long Whole(this DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
    }
}
