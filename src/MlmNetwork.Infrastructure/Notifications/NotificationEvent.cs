namespace MlmNetwork.Infrastructure.Notifications;

public enum NotificationEventKind
{
    /// <summary>A distributor enrolled: tell their upline (the paid levels), welcome them and ask them to confirm their e-mail.</summary>
    Enrolled = 0,
    /// <summary>A sale was posted on its own (not in a batch): tell the beneficiaries who want each sale.</summary>
    SalePosted = 1,
    /// <summary>A month closed: tell everybody with a statement.</summary>
    PeriodClosed = 2,
    /// <summary>A payout run was confirmed: tell everybody it paid.</summary>
    PayoutRunConfirmed = 3,
    /// <summary>A distributor's status changed.</summary>
    StatusChanged = 4,
    /// <summary>The day's ledger lines, summed per beneficiary who wants a digest.</summary>
    DailyDigest = 5,
    /// <summary>Near the month's end: who is below the plan's minimum personal volume.</summary>
    LowVolumeCheck = 6,
    /// <summary>A customer placed an order through a distributor's shop link: tell the distributor, and confirm it to the customer in the language they ordered in (<see cref="NotificationEvent.Detail"/>).</summary>
    CustomerOrderPlaced = 7,
}

/// <summary>
/// Something that happened and that people are to be told about, written in the same
/// transaction as the change itself (ADR 010). The notification worker turns it into
/// notifications and e-mails in each recipient's language, a chunk of recipients per
/// transaction, moving <see cref="Cursor"/> in that same transaction, so a crash neither loses
/// nor repeats anybody's message.
/// </summary>
public sealed class NotificationEvent
{
    public const int DetailMaxLength = 200;

    public long Id { get; set; }

    public NotificationEventKind Kind { get; set; }

    /// <summary>The distributor, sale, period key (yyyyMM), payout run or day (yyyyMMdd) it is about.</summary>
    public long SubjectId { get; set; }

    /// <summary>A little more, such as the status before a change.</summary>
    public string? Detail { get; set; }

    /// <summary>Makes a scheduled event once-only ("digest:2026-10-05"), whichever app instance schedules it.</summary>
    public string? OnceKey { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The last recipient (distributor id) already told, for events told in chunks.</summary>
    public long Cursor { get; set; }

    public DateTime? DoneAt { get; set; }

    public static NotificationEvent Enrolled(long distributorId, DateTime at) => new() { Kind = NotificationEventKind.Enrolled, SubjectId = distributorId, CreatedAt = at };

    public static NotificationEvent SalePosted(long saleId, DateTime at) => new() { Kind = NotificationEventKind.SalePosted, SubjectId = saleId, CreatedAt = at };

    /// <summary>The order, with the culture the customer ordered in ("ru-RU") in <see cref="Detail"/>.</summary>
    public static NotificationEvent CustomerOrderPlaced(long orderId, string? culture, DateTime at) =>
        new() { Kind = NotificationEventKind.CustomerOrderPlaced, SubjectId = orderId, Detail = culture is { Length: > 0 and <= 20 } ? culture : null, CreatedAt = at };

    public static NotificationEvent PeriodClosed(int periodKey, DateTime at) => new() { Kind = NotificationEventKind.PeriodClosed, SubjectId = periodKey, CreatedAt = at };

    public static NotificationEvent PayoutRunConfirmed(long runId, DateTime at) => new() { Kind = NotificationEventKind.PayoutRunConfirmed, SubjectId = runId, CreatedAt = at };

    /// <summary>The change, as "Active>Inactive" in <see cref="Detail"/>.</summary>
    public static NotificationEvent StatusChanged(long distributorId, Domain.DistributorStatus before, Domain.DistributorStatus after, DateTime at) =>
        new() { Kind = NotificationEventKind.StatusChanged, SubjectId = distributorId, Detail = $"{before}>{after}", CreatedAt = at };
}
