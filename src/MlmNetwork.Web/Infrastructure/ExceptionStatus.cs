using System.Data.Common;
using Microsoft.Data.Sqlite;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Sales;
using Npgsql;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>The status an exception that reached the top answers with: bad input is a 4xx, an unreachable database a 503.</summary>
public static class ExceptionStatus
{
    public static int For(Exception exception) => exception switch
    {
        BatchRejectedException => StatusCodes.Status422UnprocessableEntity,
        DomainRuleException rule => ProblemExceptionHandler.StatusFor(rule),
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest, // an unreadable form (a NUL in a value, too many fields)
        _ when IsDatabaseOutage(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// The database cannot be reached or did not answer in time (a connection refused or dropped,
    /// a timeout, a busy, locked or full SQLite file): nothing the client did wrong, try again later.
    /// </summary>
    public static bool IsDatabaseOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState == "53300":
                case NpgsqlException { IsTransient: true } and not PostgresException:
                case SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 or 14 }: // busy, locked, I/O error, full, cannot open
                case TimeoutException:
                case System.Net.Sockets.SocketException:
                    return true;
                case DbException when e.Message.Contains("timeout", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }

        return false;
    }
}
