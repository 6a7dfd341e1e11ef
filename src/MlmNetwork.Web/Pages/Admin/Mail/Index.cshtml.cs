using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Mail;
using MlmNetwork.Web.Infrastructure;
using MlmNetwork.Web.Infrastructure.Mail;

namespace MlmNetwork.Web.Pages.Admin.Mail;

/// <summary>The outbox as an admin sees it: how many e-mails wait, and those that failed for good, each of which can be tried again (audited).</summary>
public sealed class IndexModel(MlmDbContext db, MailOptions options, MailSignal signal, BusinessClock clock, IStringLocalizer<IndexModel> l) : PageModel
{
    public int Waiting { get; private set; }

    public int SentToday { get; private set; }

    public IReadOnlyList<OutboxMessage> Failed { get; private set; } = [];

    public bool UsesSmtp => options.UsesSmtp;

    public string PickupDirectory => options.PickupDirectory;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var since = DateTime.UtcNow.Date;
        Waiting = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.FailedAt == null, ct);
        SentToday = await db.OutboxMessages.CountAsync(m => m.SentAt >= since, ct);
        Failed = await db.OutboxMessages.AsNoTracking().Where(m => m.FailedAt != null).OrderByDescending(m => m.FailedAt).Take(200)
            .Select(m => new OutboxMessage { Id = m.Id, ToAddress = m.ToAddress, Subject = m.Subject, Kind = m.Kind, Attempts = m.Attempts, FailedAt = m.FailedAt, LastError = m.LastError })
            .ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id && m.FailedAt != null, ct);
        if (message is null)
        {
            return NotFound();
        }

        OutboxSender.Revive(message, DateTime.UtcNow);
        db.Audit(User.Actor(), "mail.retry", $"e-mail {id}", $"{message.Kind} to {message.ToAddress} tried again after {message.LastError}", clock.UtcNow);
        await db.SaveChangesAsync(ct);
        signal.Poke();
        TempData["Flash"] = l["The e-mail will be tried again in a moment."].Value;
        return Redirect("/Admin/Mail");
    }
}
