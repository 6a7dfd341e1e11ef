namespace MlmNetwork.Domain;

/// <summary>What a notification tells a distributor about.</summary>
public enum NotificationKind
{
    /// <summary>Somebody joined the downline, within the levels the plan pays.</summary>
    NewRecruit = 0,
    /// <summary>A sale earned a commission (one by one, or the day's digest).</summary>
    Commission = 1,
    /// <summary>A month closed and its statement is ready.</summary>
    Statement = 2,
    /// <summary>A payout run paid the distributor.</summary>
    Payout = 3,
    /// <summary>The distributor's status changed.</summary>
    Status = 4,
    /// <summary>Personal volume is below the plan's minimum near the month's end.</summary>
    LowVolume = 5,
    /// <summary>A customer placed an order through the distributor's shop link: always in the app, never by e-mail.</summary>
    CustomerOrder = 6,
}

/// <summary>How a distributor hears about commissions.</summary>
public enum CommissionNotice
{
    Off = 0,
    /// <summary>One notification per sale posted one at a time (sales imported in bulk come only in the digest).</summary>
    EachSale = 1,
    /// <summary>One summary a day of the day's ledger lines, imports included.</summary>
    DailyDigest = 2,
}
