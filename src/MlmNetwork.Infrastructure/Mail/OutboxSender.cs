using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace MlmNetwork.Infrastructure.Mail;

/// <summary>
/// Sends the outbox (ADR 010): claims a batch of due messages for a while (on PostgreSQL with
/// FOR UPDATE SKIP LOCKED, so two app instances never claim the same message; SQLite has one
/// writer), sends each, and marks it sent at once, one by one. A failed message waits longer
/// after each attempt and is marked failed after the last. A worker that dies holding a claim
/// lets go when the claim runs out; the pickup folder then finds the file already written.
/// </summary>
public sealed class OutboxSender(IDbContextFactory<MlmDbContext> contexts, IMailTransport transport, MailOptions options, ILogger<OutboxSender> logger)
{
    public const int BatchSize = 20;

    /// <summary>Sends everything due now (or as of <paramref name="asOf"/>, for tests of a claim that ran out); the count sent.</summary>
    public async Task<int> DrainAsync(CancellationToken ct, DateTime? asOf = null)
    {
        var sent = 0;
        while (true)
        {
            var now = asOf ?? DateTime.UtcNow;
            var claimed = await ClaimAsync(BatchSize, now, ct);
            if (claimed.Count == 0)
            {
                return sent;
            }

            sent += await SendClaimedAsync(claimed, now, ct);
        }
    }

    /// <summary>Claims up to <paramref name="take"/> due messages for <see cref="MailOptions.ClaimFor"/>, counting the attempt; their ids.</summary>
    public async Task<IReadOnlyList<long>> ClaimAsync(int take, DateTime now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var skipLocked = db is NpgsqlMlmDbContext ? " FOR UPDATE SKIP LOCKED" : string.Empty;
        var sql = $"""
            UPDATE outbox_messages SET claimed_until = @until, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until < @now)
                ORDER BY next_attempt_at, id LIMIT @take{skipLocked})
            RETURNING id
            """;
        return await RawSql.QueryAsync(db, sql, r => r.Whole(0), ct, ("until", now + options.ClaimFor), ("now", now), ("take", take));
    }

    /// <summary>Sends messages this worker claimed; each is marked sent (or due again) as soon as its attempt ends.</summary>
    public async Task<int> SendClaimedAsync(IReadOnlyList<long> ids, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var messages = await db.OutboxMessages.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);
        IMailSession session;
        try
        {
            session = await transport.OpenAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            foreach (var message in messages)
            {
                Retry(message, e, now);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            return 0;
        }

        var sent = 0;
        await using (session)
        {
            foreach (var message in messages)
            {
                try
                {
                    var delivered = await session.SendAsync(Mime(message), FileName(message), ct);
                    message.SentAt = now;
                    message.ClaimedUntil = null;
                    message.LastError = null;
                    if (message.Sensitive)
                    {
                        // The link in it is a secret: once delivered it is not kept here.
                        message.TextBody = string.Empty;
                        message.HtmlBody = string.Empty;
                    }

                    sent++;
                    if (options.UsesSmtp)
                    {
                        logger.LogInformation("Sent e-mail {OutboxId} ({Kind}) by SMTP", message.Id, message.Kind);
                    }
                    else
                    {
                        logger.LogInformation("Wrote e-mail {OutboxId} ({Kind}) to the pickup folder as {FileName}{AlreadyThere}", message.Id, message.Kind, FileName(message), delivered ? string.Empty : " (already there from an earlier attempt)");
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Retry(message, e, now);
                }

                // Marked one by one: a crash after this message does not send it again.
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }

        return sent;
    }

    /// <summary>The pickup file of a message: its time and its Message-ID, the same at every attempt.</summary>
    public static string FileName(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var local = message.MessageId.Split('@')[0];
        return string.Create(CultureInfo.InvariantCulture, $"{message.CreatedAt:yyyyMMdd-HHmmss}-{local}.eml");
    }

    /// <summary>Lets an admin try a failed message again from the start.</summary>
    public static void Revive(OutboxMessage message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.FailedAt = null;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        message.ClaimedUntil = null;
    }

    private MimeMessage Mime(OutboxMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Subject = message.Subject;
        mime.MessageId = message.MessageId;
        mime.Date = new DateTimeOffset(message.CreatedAt, TimeSpan.Zero);
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    private void Retry(OutboxMessage message, Exception error, DateTime now)
    {
        message.ClaimedUntil = null;
        var text = error.GetType().Name + ": " + error.Message;
        message.LastError = text.Length > OutboxMessage.ErrorMaxLength ? text[..OutboxMessage.ErrorMaxLength] : text;
        if (message.Attempts >= options.MaxAttempts)
        {
            message.FailedAt = now;
            logger.LogError(error, "E-mail {OutboxId} ({Kind}) failed {Attempts} times and is given up; an admin can retry it", message.Id, message.Kind, message.Attempts);
        }
        else
        {
            message.NextAttemptAt = now + MailOptions.Backoff(message.Attempts);
            logger.LogWarning(error, "E-mail {OutboxId} ({Kind}) not sent (attempt {Attempts}); next try at {NextAttemptAt:o}", message.Id, message.Kind, message.Attempts, message.NextAttemptAt);
        }
    }
}
