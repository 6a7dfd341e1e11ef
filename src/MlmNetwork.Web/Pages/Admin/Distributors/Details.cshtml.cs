using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Web.Infrastructure;
using System.ComponentModel.DataAnnotations;

namespace MlmNetwork.Web.Pages.Admin.Distributors;

public sealed class DetailsModel(MlmDbContext db, DistributorAdministration administration, RuleMessages rules, IStringLocalizer<DetailsModel> t, IStringLocalizer<SharedResource> words) : PageModel
{
    public StatusInput StatusForm { get; set; } = new();

    public MoveInput MoveForm { get; set; } = new();

    public Distributor Distributor { get; private set; } = null!;

    public Distributor? Sponsor { get; private set; }

    public Money Balance { get; private set; }

    public IReadOnlyList<Distributor> Recruits { get; private set; } = [];

    public IReadOnlyList<Sale> Sales { get; private set; } = [];

    /// <summary>The page has two forms; each handler binds and validates only its own.</summary>
    public async Task<IActionResult> OnPostStatusAsync(long id, [Bind(Prefix = nameof(StatusForm))] StatusInput form, CancellationToken ct)
    {
        StatusForm = form;
        if (ModelState.IsValid)
        {
            try
            {
                var distributor = await administration.ChangeStatusAsync(id, StatusForm.Status, StatusForm.Reason, User.Actor(), ct);
                TempData["Flash"] = t["{0}: the status is now {1}.", distributor.Name, words[distributor.Status.ToString()]].Value;
                return RedirectToPage(new { id });
            }
            catch (DomainRuleException e)
            {
                ModelState.AddModelError(string.Empty, rules.Text(e));
            }
        }

        return await OnGetAsync(id, ct);
    }

    public async Task<IActionResult> OnPostMoveAsync(long id, [Bind(Prefix = nameof(MoveForm))] MoveInput form, CancellationToken ct)
    {
        MoveForm = form;
        if (ModelState.IsValid)
        {
            try
            {
                var distributor = await administration.MoveAsync(id, MoveForm.SponsorCode!, MoveForm.Reason, User.Actor(), ct);
                TempData["Flash"] = t["{0} and their downline now sit under distributor #{1}.", distributor.Name, distributor.SponsorId ?? 0].Value;
                return RedirectToPage(new { id });
            }
            catch (DomainRuleException e)
            {
                ModelState.AddModelError("MoveForm.SponsorCode", rules.Text(e));
            }
        }

        return await OnGetAsync(id, ct);
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var distributor = await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (distributor is null)
        {
            return NotFound();
        }

        Distributor = distributor;
        Sponsor = distributor.SponsorId is { } sponsorId ? await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == sponsorId, ct) : null;
        Balance = (await MlmNetwork.Infrastructure.Ledger.Balance.OfAsync(db, id, ct)).Amount;
        Recruits = await db.Distributors.AsNoTracking().Where(d => d.SponsorId == id).OrderByDescending(d => d.Id).Take(20).ToListAsync(ct);
        Sales = await db.Sales.AsNoTracking().Where(s => s.DistributorId == id).OrderByDescending(s => s.Id).Take(10).ToListAsync(ct);
        if (!ModelState.ContainsKey("StatusForm.Status"))
        {
            StatusForm.Status = distributor.Status;
        }

        return Page();
    }

    public sealed class StatusInput
    {
        [Display(Name = "Status")]
        public DistributorStatus Status { get; set; }

        [Required(ErrorMessage = "The {0} field is required."), StringLength(DistributorAdministration.ReasonMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "Reason")]
        public string? Reason { get; set; }
    }

    public sealed class MoveInput
    {
        [Required(ErrorMessage = "The {0} field is required."), StringLength(ReferralCode.Length, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "New sponsor's referral code")]
        public string? SponsorCode { get; set; }

        [Required(ErrorMessage = "The {0} field is required."), StringLength(DistributorAdministration.ReasonMaxLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}."), Display(Name = "Reason")]
        public string? Reason { get; set; }
    }
}
