using MlmNetwork.Infrastructure;

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
            catch (Exception e) when (ExceptionStatus.IsDatabaseOutage(e) && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                logger.LogWarning(e, "A read of {Path} failed on a dropped database connection; running it once more on fresh connections", http.Request.Path.Value);
                replica.ForgetIdle();
                http.Response.Clear();
                await next(http);
            }
        });
    }
}
