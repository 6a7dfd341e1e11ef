namespace MlmNetwork.Infrastructure;

/// <summary>
/// The time business rules see: when a sale is made, which period is open, when a period may
/// close. Kept apart from the framework's clock (cookies, lockout, key rotation) so tests can
/// move business time by months without expiring sessions.
/// </summary>
public class BusinessClock
{
    public virtual DateTime UtcNow => DateTime.UtcNow;

    /// <summary>
    /// A UTC instant (a time without a zone is taken as UTC) cut to microseconds, as PostgreSQL
    /// stores it, so what is written compares and replays exactly as it was checked.
    /// </summary>
    public static DateTime Microseconds(DateTime at)
    {
        var utc = at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : at;
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }
}
