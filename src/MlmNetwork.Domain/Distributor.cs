using System.Net.Mail;

namespace MlmNetwork.Domain;

/// <summary>A member of the network, placed in the sponsor tree under exactly one sponsor (the house account has none).</summary>
public sealed class Distributor
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 32;
    public const int AddressMaxLength = 300;
    public const int PayoutAccountMaxLength = 64;

    private Distributor()
    {
        Name = string.Empty;
        Email = string.Empty;
        ReferralCode = string.Empty;
    }

    public long Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Lower-cased, so uniqueness does not depend on how someone typed it.</summary>
    public string Email { get; private set; }

    /// <summary>
    /// Name and e-mail folded to lower case with Unicode rules (Ирина and ИРИНА alike), so a
    /// search matches whatever the database's own case folding does (SQLite folds only ASCII).
    /// </summary>
    public string SearchKey { get; private set; } = string.Empty;

    public string ReferralCode { get; private set; }

    public long? SponsorId { get; private set; }

    public bool IsHouse { get; private set; }

    public DistributorStatus Status { get; private set; }

    /// <summary>Distance from the house account (the house is 0).</summary>
    public int Depth { get; private set; }

    /// <summary>The login account, when the distributor has one (API-created ones may not).</summary>
    public string? UserId { get; private set; }

    /// <summary>
    /// The starter kit chosen at sign-up. Its order is the sale of that kit (<see cref="Sale.RecordStarterKit"/>);
    /// distributors who joined before kits were orders (ADR 011) have the choice and no order.
    /// </summary>
    public long? StarterKitId { get; private set; }

    /// <summary>When the distributor first shared their referral link (copied it or took its QR code): a getting-started step.</summary>
    public DateTime? ReferralLinkSharedAt { get; private set; }

    public DateTime JoinedAt { get; private set; }

    /// <summary>When the distributor was terminated; null while they are not (and for terminations recorded before this was kept).</summary>
    public DateTime? TerminatedAt { get; private set; }

    /// <summary>Counter of direct recruits, kept up to date on enrolment; never counted per request.</summary>
    public int DirectRecruitCount { get; private set; }

    /// <summary>Counter of everybody below, kept up to date on enrolment; never counted per request.</summary>
    public long DownlineCount { get; private set; }

    /// <summary>A phone number as the person typed it (digits, spaces, +, -, parentheses); null when not given.</summary>
    public string? Phone { get; private set; }

    /// <summary>A postal address, up to a few lines; null when not given.</summary>
    public string? Address { get; private set; }

    /// <summary>
    /// Whether the person's direct recruits see their phone number on their sponsor card. Off
    /// until the person chooses it: anybody can join through a public referral link.
    /// </summary>
    public bool SharesPhoneWithRecruits { get; private set; }

    /// <summary>Where the company sends this person's payouts: an IBAN or bank account number, without spaces; null when not given.</summary>
    public string? PayoutAccount { get; private set; }

    /// <summary>The payout account as it may be shown: only its last four characters ("•••• 1234").</summary>
    public string? MaskedPayoutAccount => PayoutAccount is null ? null : Mask(PayoutAccount);

    public bool CanEarn => !IsHouse && Status == DistributorStatus.Active;

    /// <summary>Keeps the last four characters of an account number: "•••• 1234".</summary>
    public static string Mask(string account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return "•••• " + (account.Length <= 4 ? account : account[^4..]);
    }

    /// <summary>
    /// The person's own details: a name (required), and optionally a phone number (7 to 32
    /// characters of digits, spaces, +, -, parentheses and dots, with at least 7 digits) and a
    /// postal address (up to 300 printable characters, line breaks allowed).
    /// </summary>
    public void UpdateDetails(string name, string? phone, string? address)
    {
        var cleanName = CleanName(name);
        var cleanPhone = CleanPhone(phone);
        var cleanAddress = CleanAddress(address);
        Name = cleanName;
        Phone = cleanPhone;
        Address = cleanAddress;
        RefreshSearchKey();
    }

    /// <summary>Shows (or hides) the phone number to the person's direct recruits, on their sponsor card.</summary>
    public void SharePhoneWithRecruits(bool share) => SharesPhoneWithRecruits = share;

    /// <summary>Sets (or with an empty text removes) the account payouts go to: 8 to 34 letters and digits, spaces ignored.</summary>
    public void SetPayoutAccount(string? account) => PayoutAccount = CleanPayoutAccount(account);

    /// <summary>The e-mail follows the login's once the person confirmed the new address.</summary>
    public void ChangeEmail(string email)
    {
        Email = CleanEmail(email);
        RefreshSearchKey();
    }

    public static string? CleanPhone(string? phone)
    {
        var trimmed = (phone ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        var digits = trimmed.Count(char.IsAsciiDigit);
        if (trimmed.Length > PhoneMaxLength || digits < 7 || trimmed.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '+' or '-' or '(' or ')' or '.')))
        {
            throw DomainRuleException.Invalid($"A phone number is 7 to {PhoneMaxLength} characters: digits, spaces, + - ( ) and dots.", "phone");
        }

        return trimmed;
    }

    public static string? CleanAddress(string? address)
    {
        var trimmed = (address ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (trimmed.Length > AddressMaxLength || trimmed.Any(c => char.IsControl(c) && c != '\n'))
        {
            throw DomainRuleException.Invalid($"An address is up to {AddressMaxLength} printable characters.", "address");
        }

        return trimmed;
    }

    public static string? CleanPayoutAccount(string? account)
    {
        var compact = new string((account ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (compact.Length == 0)
        {
            return null;
        }

        if (compact.Length is < 8 or > 34 || !compact.All(char.IsAsciiLetterOrDigit))
        {
            throw DomainRuleException.Invalid($"A payout account (IBAN or account number) is 8 to 34 letters and digits.", "payoutAccount");
        }

        // Shaped like an IBAN (country letters, two check digits): a typo must not send payouts elsewhere.
        if (char.IsAsciiLetter(compact[0]) && char.IsAsciiLetter(compact[1]) && char.IsAsciiDigit(compact[2]) && char.IsAsciiDigit(compact[3]) && !IsValidIban(compact))
        {
            throw DomainRuleException.Invalid($"{compact} is not a valid IBAN: its check digits do not match. Check it against your bank statement.", "payoutAccount");
        }

        return compact;
    }

    /// <summary>The ISO 13616 check: the IBAN, its first four characters moved to the end and letters as 10–35, is 1 modulo 97.</summary>
    public static bool IsValidIban(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        if (iban.Length is < 15 or > 34 || !iban.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : char.ToUpperInvariant(c) - 'A' + 10;
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
        }

        return remainder == 1;
    }

    public static Distributor CreateHouse(string name, string email, string referralCode, DateTime now)
    {
        return new Distributor
        {
            Name = CleanName(name),
            Email = CleanEmail(email),
            SearchKey = SearchKeyFor(CleanName(name), CleanEmail(email)),
            ReferralCode = referralCode,
            IsHouse = true,
            Status = DistributorStatus.Active,
            Depth = 0,
            JoinedAt = now,
        };
    }

    /// <summary>
    /// Places a new distributor directly under <paramref name="sponsor"/>. Joining pays nobody
    /// (docs/rules.md, rule 9): enrolment creates no commission line.
    /// </summary>
    public static Distributor Join(Distributor sponsor, string name, string email, string referralCode, DateTime now, long? starterKitId = null)
    {
        ArgumentNullException.ThrowIfNull(sponsor);
        if (sponsor.Status == DistributorStatus.Terminated)
        {
            throw DomainRuleException.Invalid($"That sponsor is no longer a member and cannot sponsor anybody.", "sponsorReferralCode");
        }

        return new Distributor
        {
            Name = CleanName(name),
            Email = CleanEmail(email),
            SearchKey = SearchKeyFor(CleanName(name), CleanEmail(email)),
            ReferralCode = referralCode,
            SponsorId = sponsor.Id,
            Status = DistributorStatus.Active,
            Depth = sponsor.Depth + 1,
            JoinedAt = now,
            StarterKitId = starterKitId,
        };
    }

    /// <summary>What a search for people compares with: a text folded the same way as <see cref="SearchKey"/>.</summary>
    public static string Fold(string text) => (text ?? string.Empty).ToLowerInvariant();

    public static string SearchKeyFor(string name, string email) => Fold(name + " " + email);

    /// <summary>Sets the search key of a distributor saved before it existed.</summary>
    public void RefreshSearchKey() => SearchKey = SearchKeyFor(Name, Email);

    /// <summary>
    /// Sets Active, Inactive or Terminated. Termination is final: a terminated distributor
    /// stays in the tree but is never reinstated. The house account's status never changes.
    /// Returns false when the status was already the one asked for. A termination keeps its time
    /// (<paramref name="now"/>): the income disclosure counts who was a member in its range.
    /// </summary>
    public bool ChangeStatus(DistributorStatus status, DateTime now)
    {
        if (!Enum.IsDefined(status))
        {
            throw DomainRuleException.Invalid($"Status must be Active, Inactive or Terminated.", "status");
        }

        if (IsHouse)
        {
            throw DomainRuleException.Invalid($"The house account's status cannot change.", "status");
        }

        if (Status == status)
        {
            return false;
        }

        if (Status == DistributorStatus.Terminated)
        {
            throw DomainRuleException.Conflict($"A terminated distributor cannot be reinstated.", "status");
        }

        Status = status;
        if (status == DistributorStatus.Terminated)
        {
            TerminatedAt = now;
        }

        return true;
    }

    /// <summary>Notes that the referral link was shared, the first time only; false when it already was.</summary>
    public bool MarkReferralLinkShared(DateTime now)
    {
        if (ReferralLinkSharedAt is not null)
        {
            return false;
        }

        ReferralLinkSharedAt = now;
        return true;
    }

    public void LinkLogin(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        UserId = userId;
    }

    /// <summary>
    /// Moves this distributor (with their downline) under another sponsor. The sponsor tree
    /// never has a cycle (rule 8): moving under yourself or anybody in your own downline is
    /// refused, which is the case exactly when you appear in the new sponsor's upline.
    /// </summary>
    public void MoveTo(Distributor newSponsor, IEnumerable<long> newSponsorUplineIds)
    {
        ArgumentNullException.ThrowIfNull(newSponsor);
        ArgumentNullException.ThrowIfNull(newSponsorUplineIds);
        if (IsHouse)
        {
            throw DomainRuleException.Invalid($"The house account is the root of the tree and has no sponsor.");
        }

        if (newSponsor.Id == Id || newSponsorUplineIds.Contains(Id))
        {
            throw DomainRuleException.Conflict($"That move would put a distributor under their own downline (a cycle).", "sponsorId");
        }

        SponsorId = newSponsor.Id;
        Depth = newSponsor.Depth + 1;
    }

    public static string CleanName(string name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw DomainRuleException.Invalid($"Name is required.", "name");
        }

        if (trimmed.Length > NameMaxLength)
        {
            throw DomainRuleException.Invalid($"Name is longer than {NameMaxLength} characters.", "name");
        }

        // Control and invisible format characters (a right-to-left override, say) would make a
        // name read differently in team lists and exports from what it is.
        if (trimmed.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            throw DomainRuleException.Invalid($"Name may not contain control or invisible characters.", "name");
        }

        return trimmed;
    }

    public static string CleanEmail(string email)
    {
        var trimmed = (email ?? string.Empty).Trim().ToLowerInvariant();
        if (trimmed.Length == 0 || trimmed.Length > EmailMaxLength || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !trimmed.Contains('.', StringComparison.Ordinal))
        {
            throw DomainRuleException.Invalid($"Email is not a valid address.", "email");
        }

        return trimmed;
    }
}
