namespace MlmNetwork.Domain;

/// <summary>
/// What a distributor wants to hear about and how: per kind, in the app and/or by e-mail, and
/// for commissions each sale, a daily digest or nothing. A distributor with no saved choices has
/// <see cref="Defaults"/>: everything in the app and by e-mail, commissions as a daily digest.
/// </summary>
public sealed class NotificationPreferences
{
    private NotificationPreferences()
    {
    }

    public long DistributorId { get; private set; }

    public bool RecruitInApp { get; private set; }

    public bool RecruitEmail { get; private set; }

    public CommissionNotice Commissions { get; private set; }

    public bool CommissionInApp { get; private set; }

    public bool CommissionEmail { get; private set; }

    public bool StatementInApp { get; private set; }

    public bool StatementEmail { get; private set; }

    public bool PayoutInApp { get; private set; }

    public bool PayoutEmail { get; private set; }

    public bool StatusInApp { get; private set; }

    public bool StatusEmail { get; private set; }

    public bool LowVolumeInApp { get; private set; }

    public bool LowVolumeEmail { get; private set; }

    public static NotificationPreferences Defaults(long distributorId) => new()
    {
        DistributorId = distributorId,
        RecruitInApp = true,
        RecruitEmail = true,
        Commissions = CommissionNotice.DailyDigest,
        CommissionInApp = true,
        CommissionEmail = true,
        StatementInApp = true,
        StatementEmail = true,
        PayoutInApp = true,
        PayoutEmail = true,
        StatusInApp = true,
        StatusEmail = true,
        LowVolumeInApp = true,
        LowVolumeEmail = true,
    };

    /// <summary>Whether a notification of this kind goes to the app.</summary>
    public bool InApp(NotificationKind kind) => kind switch
    {
        NotificationKind.NewRecruit => RecruitInApp,
        NotificationKind.Commission => Commissions != CommissionNotice.Off && CommissionInApp,
        NotificationKind.Statement => StatementInApp,
        NotificationKind.Payout => PayoutInApp,
        NotificationKind.Status => StatusInApp,
        NotificationKind.LowVolume => LowVolumeInApp,
        NotificationKind.CustomerOrder => true,
    };

    /// <summary>Whether a notification of this kind goes by e-mail.</summary>
    public bool Email(NotificationKind kind) => kind switch
    {
        NotificationKind.NewRecruit => RecruitEmail,
        NotificationKind.Commission => Commissions != CommissionNotice.Off && CommissionEmail,
        NotificationKind.Statement => StatementEmail,
        NotificationKind.Payout => PayoutEmail,
        NotificationKind.Status => StatusEmail,
        NotificationKind.LowVolume => LowVolumeEmail,
        NotificationKind.CustomerOrder => false,
    };

    /// <summary>Sets both channels of a kind.</summary>
    public void Choose(NotificationKind kind, bool inApp, bool email)
    {
        switch (kind)
        {
            case NotificationKind.NewRecruit: (RecruitInApp, RecruitEmail) = (inApp, email); break;
            case NotificationKind.Commission: (CommissionInApp, CommissionEmail) = (inApp, email); break;
            case NotificationKind.Statement: (StatementInApp, StatementEmail) = (inApp, email); break;
            case NotificationKind.Payout: (PayoutInApp, PayoutEmail) = (inApp, email); break;
            case NotificationKind.Status: (StatusInApp, StatusEmail) = (inApp, email); break;
            case NotificationKind.LowVolume: (LowVolumeInApp, LowVolumeEmail) = (inApp, email); break;
            default: throw DomainRuleException.Invalid($"There is no such kind of notification.", "kind");
        }
    }

    public void ChooseCommissions(CommissionNotice notice)
    {
        if (!Enum.IsDefined(notice))
        {
            throw DomainRuleException.Invalid($"Commissions are notified for each sale, as a daily digest, or not at all.", "commissions");
        }

        Commissions = notice;
    }
}
