using MlmNetwork.Infrastructure;
using Npgsql;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// With a read replica: a page or API read (GET or HEAD) that failed on a dropped database
/// connection, before anything was sent, runs once more on fresh connections, so a replica that
/// stopped costs no reader a 503 (the reads fall back to the primary). Writes are never run twice.
/// </summary>
public static class ReadRetry
{
    public static IApplicationBuilder UseReadRetryAfterReplicaLoss(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<ReplicaConnections>() is not { } replica)
        {
            return app;
        }

        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReadRetry));
        return app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                await next(http);
                return;
            }

            try
            {
                await next(http);
            }
            catch (Exception e) when (IsDroppedConnection(e) && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                logger.LogWarning(e, "A read of {Path} failed on a dropped database connection; running it once more on fresh connections", http.Request.Path.Value);
                replica.ForgetIdle();
                http.Response.Clear();
                await next(http);
            }
        });
    }

    /// <summary>
    /// The server ended the session or the connection broke: what a stopped replica does to the
    /// connections kept to it. Not a timeout (a slow read would only be slow again).
    /// </summary>
    private static bool IsDroppedConnection(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutException:
                    return false;
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case IOException or System.Net.Sockets.SocketException:
                    return true;
            }
        }

        return false;
    }
}
