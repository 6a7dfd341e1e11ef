namespace MlmNetwork.Web.Infrastructure.Notifications;

/// <summary>Settings of the notifications (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>The low-volume reminder is checked daily in this many last days of a month (5: from the 26th of a 30-day month).</summary>
    public int LowVolumeDays { get; set; } = 5;
}
