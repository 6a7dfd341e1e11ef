namespace MlmNetwork.Infrastructure;

/// <summary>
/// The time business rules see: when a sale is made, which period is open, when a period may
/// close. Kept apart from the framework's clock (cookies, lockout, key rotation) so tests can
/// move business time by months without expiring sessions.
/// </summary>
public class BusinessClock
{
    public virtual DateTime UtcNow => DateTime.UtcNow;
}
