namespace MlmNetwork.Domain;

/// <summary>What an admin types when money leaves the company: the date it was paid and the bank's reference.</summary>
public static class PaymentDetails
{
    public const int ReferenceMaxLength = 100;

    /// <summary>A payment is dated after the month it pays for has ended and not in the future.</summary>
    public static DateOnly CheckPaidOn(DateOnly paidOn, Period upTo, DateTime now)
    {
        var earliest = DateOnly.FromDateTime(upTo.EndsAt);
        if (paidOn < earliest)
        {
            throw DomainRuleException.Invalid($"A payment for earnings up to {upTo} is dated {earliest:yyyy-MM-dd} or later.", "paidOn");
        }

        if (paidOn > DateOnly.FromDateTime(now).AddDays(1))
        {
            throw DomainRuleException.Invalid($"A payment cannot be dated in the future.", "paidOn");
        }

        return paidOn;
    }

    /// <summary>A reference of 1 to 100 printable characters (the bank transfer's, say).</summary>
    public static string CheckReference(string? reference)
    {
        var clean = (reference ?? string.Empty).Trim();
        if (clean.Length == 0 || clean.Length > ReferenceMaxLength || clean.Any(char.IsControl))
        {
            throw DomainRuleException.Invalid($"A reference of 1 to {ReferenceMaxLength} printable characters is required.", "reference");
        }

        return clean;
    }
}
