namespace MlmNetwork.Domain;

public enum PayoutRunStatus
{
    /// <summary>Proposed and exported; nothing is paid yet. At most one run is open at a time.</summary>
    Proposed,
    /// <summary>Paid: its payouts are written and it never changes again.</summary>
    Confirmed,
    /// <summary>Cancelled as a whole: it paid nothing.</summary>
    Cancelled,
}
