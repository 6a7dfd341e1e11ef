using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Web.Infrastructure;
using MlmNetwork.Web.Infrastructure.Mail;

namespace MlmNetwork.Web.Pages.Account;

/// <summary>
/// The person's own account: name, phone and address, the payout account (shown masked, each
/// change audited and told by e-mail), language, notification choices, and whether the e-mail
/// address is confirmed. Admins get the parts that apply to them: name and language.
/// </summary>
public sealed class ProfileModel(
    MlmDbContext db,
    UserManager<ApplicationUser> users,
    AccountEmails emails,
    PublicLinks links,
    BusinessClock clock,
    RuleMessages rules,
    IStringLocalizer<ProfileModel> l) : PageModel
{
    public ApplicationUser Me { get; private set; } = null!;

    /// <summary>The distributor the login belongs to; null for an admin.</summary>
    public Distributor? Distributor { get; private set; }

    public DetailsInput Details { get; set; } = new();

    public PayoutInput Payout { get; set; } = new();

    public NotificationsInput Notify { get; set; } = new();

    public string Culture { get; set; } = Languages.Cultures[0];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Challenge();
        }

        Details = new DetailsInput { Name = Distributor?.Name ?? Me.DisplayName, Phone = Distributor?.Phone, SharePhone = Distributor?.SharesPhoneWithRecruits ?? false, Address = Distributor?.Address };
        Notify = NotificationsInput.From(await PreferencesAsync(ct));
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync([Bind(Prefix = nameof(Details))] DetailsInput details, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return Challenge();
        }

        Details = details;
        Notify = NotificationsInput.From(await PreferencesAsync(ct));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var name = MlmNetwork.Domain.Distributor.CleanName(details.Name);
            if (Distributor is not null)
            {
                var tracked = await db.Distributors.SingleAsync(d => d.Id == Distributor.Id, ct);
                tracked.UpdateDetails(details.Name, details.Phone, details.Address);
                tracked.SharePhoneWithRecruits(details.SharePhone);
                await db.SaveChangesAsync(ct);
            }

            Me.DisplayName = name;
            await users.UpdateAsync(Me);
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError($"{nameof(Details)}.{Field(e.Field)}", rules.Text(e));
            return Page();
        }

        TempData["Flash"] = l["Your details are saved."].Value;
        return Redirect("/Account/Profile");
    }

    public async Task<IActionResult> OnPostPayoutAsync([Bind(Prefix = nameof(Payout))] PayoutInput payout, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Distributor is null)
        {
            return NotFound();
        }

        Payout = payout;
        Details = new DetailsInput { Name = Distributor.Name, Phone = Distributor.Phone, SharePhone = Distributor.SharesPhoneWithRecruits, Address = Distributor.Address };
        Notify = NotificationsInput.From(await PreferencesAsync(ct));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var tracked = await db.Distributors.SingleAsync(d => d.Id == Distributor.Id, ct);
        var before = tracked.MaskedPayoutAccount ?? "none";
        try
        {
            tracked.SetPayoutAccount(payout.Account);
        }
        catch (DomainRuleException e)
        {
            ModelState.AddModelError($"{nameof(Payout)}.{nameof(PayoutInput.Account)}", rules.Text(e));
            return Page();
        }

        var after = tracked.MaskedPayoutAccount ?? "none";
        db.Audit(User.Actor(), "distributor.payout-account", $"distributor {tracked.Id}", $"{before} -> {after} (by the distributor)", clock.UtcNow);
        await db.SaveChangesAsync(ct);
        await emails.QueuePayoutAccountChangedNoticeAsync(Me, tracked.MaskedPayoutAccount, ct);
        TempData["Flash"] = l["Your payout account is saved."].Value;
        return Redirect("/Account/Profile");
    }

    public async Task<IActionResult> OnPostLanguageAsync(string? culture)
    {
        if (Languages.Supported(culture) is not { } chosen || await users.GetUserAsync(User) is not { } user)
        {
            return BadRequest();
        }

        user.PreferredCulture = chosen;
        await users.UpdateAsync(user);
        Languages.Remember(Response, chosen);
        using (Languages.Use(chosen))
        {
            TempData["Flash"] = l["Your language is saved."].Value;
        }

        return Redirect("/Account/Profile");
    }

    public async Task<IActionResult> OnPostNotificationsAsync([Bind(Prefix = nameof(Notify))] NotificationsInput notify, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Distributor is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Details = new DetailsInput { Name = Distributor.Name, Phone = Distributor.Phone, SharePhone = Distributor.SharesPhoneWithRecruits, Address = Distributor.Address };
            Notify = notify;
            return Page();
        }

        var saved = await db.NotificationPreferences.FirstOrDefaultAsync(p => p.DistributorId == Distributor.Id, ct);
        var preferences = saved ?? NotificationPreferences.Defaults(Distributor.Id);
        notify.ApplyTo(preferences);
        if (saved is null)
        {
            db.NotificationPreferences.Add(preferences);
        }

        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Your notification choices are saved."].Value;
        return Redirect("/Account/Profile#notifications");
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!user.EmailConfirmed)
        {
            await emails.QueueConfirmationAsync(user, links.BaseFor(Request), ct);
        }

        TempData["Flash"] = l["We sent the confirmation link to {0}.", user.Email!].Value;
        return Redirect("/Account/Profile");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return false;
        }

        Me = user;
        Distributor = await db.ForAsync(HttpContext, ct);
        Culture = Languages.Supported(user.PreferredCulture) ?? Languages.Supported(System.Globalization.CultureInfo.CurrentUICulture.Name) ?? Languages.Cultures[0];
        return true;
    }

    private async Task<NotificationPreferences> PreferencesAsync(CancellationToken ct) =>
        Distributor is null
            ? NotificationPreferences.Defaults(0)
            : await db.NotificationPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.DistributorId == Distributor.Id, ct) ?? NotificationPreferences.Defaults(Distributor.Id);

    private static string Field(string? field) => field switch
    {
        "phone" => nameof(DetailsInput.Phone),
        "address" => nameof(DetailsInput.Address),
        _ => nameof(DetailsInput.Name),
    };

    public sealed class DetailsInput
    {
        [Required(ErrorMessage = "The {0} field is required."), StringLength(MlmNetwork.Domain.Distributor.NameMaxLength, ErrorMessage = "{0} is at most {1} characters."), Display(Name = "Name")]
        public string Name { get; set; } = string.Empty;

        [StringLength(MlmNetwork.Domain.Distributor.PhoneMaxLength, ErrorMessage = "{0} is at most {1} characters."), Display(Name = "Phone")]
        public string? Phone { get; set; }

        /// <summary>"Show my phone number to the people I recruit": off until the person ticks it.</summary>
        public bool SharePhone { get; set; }

        [StringLength(MlmNetwork.Domain.Distributor.AddressMaxLength, ErrorMessage = "{0} is at most {1} characters."), Display(Name = "Postal address")]
        public string? Address { get; set; }
    }

    public sealed class PayoutInput
    {
        [StringLength(MlmNetwork.Domain.Distributor.PayoutAccountMaxLength, ErrorMessage = "{0} is at most {1} characters."), Display(Name = "Payout account")]
        public string? Account { get; set; }
    }

    /// <summary>The choices as the form shows them: two boxes per kind, and how commissions come.</summary>
    public sealed class NotificationsInput
    {
        public bool RecruitInApp { get; set; }

        public bool RecruitEmail { get; set; }

        public CommissionNotice Commissions { get; set; }

        public bool CommissionInApp { get; set; }

        public bool CommissionEmail { get; set; }

        public bool StatementInApp { get; set; }

        public bool StatementEmail { get; set; }

        public bool PayoutInApp { get; set; }

        public bool PayoutEmail { get; set; }

        public bool StatusInApp { get; set; }

        public bool StatusEmail { get; set; }

        public bool LowVolumeInApp { get; set; }

        public bool LowVolumeEmail { get; set; }

        public static NotificationsInput From(NotificationPreferences p) => new()
        {
            RecruitInApp = p.RecruitInApp,
            RecruitEmail = p.RecruitEmail,
            Commissions = p.Commissions,
            CommissionInApp = p.CommissionInApp,
            CommissionEmail = p.CommissionEmail,
            StatementInApp = p.StatementInApp,
            StatementEmail = p.StatementEmail,
            PayoutInApp = p.PayoutInApp,
            PayoutEmail = p.PayoutEmail,
            StatusInApp = p.StatusInApp,
            StatusEmail = p.StatusEmail,
            LowVolumeInApp = p.LowVolumeInApp,
            LowVolumeEmail = p.LowVolumeEmail,
        };

        public void ApplyTo(NotificationPreferences p)
        {
            ArgumentNullException.ThrowIfNull(p);
            p.Choose(NotificationKind.NewRecruit, RecruitInApp, RecruitEmail);
            p.ChooseCommissions(Commissions);
            p.Choose(NotificationKind.Commission, CommissionInApp, CommissionEmail);
            p.Choose(NotificationKind.Statement, StatementInApp, StatementEmail);
            p.Choose(NotificationKind.Payout, PayoutInApp, PayoutEmail);
            p.Choose(NotificationKind.Status, StatusInApp, StatusEmail);
            p.Choose(NotificationKind.LowVolume, LowVolumeInApp, LowVolumeEmail);
        }
    }
}
