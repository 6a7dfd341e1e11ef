using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;
using MimeKit;
using MlmNetwork.Infrastructure.Mail;

namespace MlmNetwork.Web.Infrastructure.Mail;

/// <summary>A link an e-mail asks the reader to open: what it does and where it goes.</summary>
public sealed record MailLink(string Text, string Url);

/// <summary>
/// Writes an e-mail for the outbox, in plain text and HTML, in the current culture (callers
/// switch to the recipient's language first, <see cref="Languages.Use"/>): a greeting, the
/// paragraphs (a line break in one stays a line break), an optional link, and a footer saying why it came.
/// </summary>
public sealed class MailComposer(IStringLocalizer<MailComposer> localizer, MailOptions options)
{
    private readonly string domain = Domain(options.From);

    public OutboxMessage Compose(string kind, string toAddress, string toName, string subject, IReadOnlyList<string> paragraphs, MailLink? link, string footer, bool sensitive)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        // The outbox runs on real time (its retries and claims), not on the business clock.
        var now = DateTime.UtcNow;
        var greeting = localizer["Hello {0},", toName].Value;
        var text = new StringBuilder().Append(greeting).Append("\n\n");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(Languages.Current).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(subject)).Append("</title></head><body style=\"font-family:Arial,sans-serif;line-height:1.5;color:#1f2933\">")
            .Append("<p>").Append(WebUtility.HtmlEncode(greeting)).Append("</p>");
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
            // A paragraph's own line breaks (an order's lines) stay line breaks in HTML.
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        }

        if (link is not null)
        {
            text.Append(link.Text).Append(":\n").Append(link.Url).Append("\n\n");
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link.Url)).Append("\">").Append(WebUtility.HtmlEncode(link.Text)).Append("</a></p>");
        }

        text.Append("-- \n").Append(footer).Append('\n');
        html.Append("<p style=\"color:#616e7c;font-size:12px\">").Append(WebUtility.HtmlEncode(footer)).Append("</p></body></html>");
        return new OutboxMessage
        {
            MessageId = $"{Guid.NewGuid():N}@{domain}",
            ToAddress = toAddress,
            ToName = toName.Length > 200 ? toName[..200] : toName,
            Subject = subject.Length > OutboxMessage.SubjectMaxLength ? subject[..OutboxMessage.SubjectMaxLength] : subject,
            TextBody = text.ToString(),
            HtmlBody = html.ToString(),
            Kind = kind,
            Sensitive = sensitive,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>The footer of an e-mail the person chose to get.</summary>
    public string NotificationFooter(string profileUrl) =>
        localizer["You get this e-mail because of your choices in MlmNetwork. Change them on your profile: {0}", profileUrl].Value;

    /// <summary>The footer of an e-mail about the person's account.</summary>
    public string AccountFooter() =>
        localizer["You get this e-mail because somebody used this address in MlmNetwork. If it was not you, ignore it."].Value;

    /// <summary>The footer of a customer's order confirmation: the customer has no account, and may not have placed it.</summary>
    public string CustomerOrderFooter(string seller) =>
        localizer["You get this e-mail because this address was given for an order through {0}'s shop link in MlmNetwork. If you did not place it, ignore this e-mail: nothing is charged.", seller].Value;

    /// <summary>The footer of a notice of a change to the account (never "ignore it": the body says what to do).</summary>
    public string SecurityNoticeFooter() =>
        localizer["You get this e-mail because your MlmNetwork account was changed. It is sent for every such change and cannot be turned off."].Value;

    private static string Domain(string from) =>
        MailboxAddress.TryParse(from, out var address) && address.Domain is { Length: > 0 } d ? d : "mlmnetwork.local";
}
