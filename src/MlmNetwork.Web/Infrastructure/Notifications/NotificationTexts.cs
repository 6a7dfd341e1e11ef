using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;

namespace MlmNetwork.Web.Infrastructure.Notifications;

/// <summary>A notification's words: a short title and a sentence or two.</summary>
public sealed record NotificationText(string Title, string Body);

/// <summary>An e-mail's words that is not a notification: its subject and paragraphs.</summary>
public sealed record MailText(string Subject, IReadOnlyList<string> Paragraphs);

/// <summary>
/// What each notification says, in the current culture (the dispatcher switches to the
/// recipient's language first); amounts and dates through <see cref="Display"/>.
/// Russian: Resources/Infrastructure/Notifications/NotificationTexts.ru.resx.
/// </summary>
public sealed class NotificationTexts(IStringLocalizer<NotificationTexts> l, Display show)
{
    public NotificationText NewRecruit(string recruit, int level, string sponsor) => new(
        l["New member in your team"],
        level == 1
            ? l["{0} joined your team through your referral link.", recruit]
            : l["{0} joined your team at level {1}, sponsored by {2}.", recruit, show.Number(level), sponsor]);

    public NotificationText Commission(Money amount, string seller, int level) => new(
        l["You earned {0}", show.Money(amount)],
        level == 0
            ? l["{0} from your own sale.", show.Money(amount)]
            : l["{0} from a sale by {1} (level {2}).", show.Money(amount), seller, show.Number(level)]);

    public NotificationText Digest(DateOnly day, long lines, Money earned, Money reversed) => new(
        l["Your commissions on {0}", show.Date(day)],
        reversed == Money.Zero
            ? l["{0} commission lines earned you {1}.", show.Number(lines), show.Money(earned)]
            : l["{0} commission lines earned you {1}; refunds took back {2}.", show.Number(lines), show.Money(earned), show.Money(Money.Zero - reversed)]);

    public NotificationText Statement(Period period, Money earned, Money closing) => new(
        l["Your statement for {0} is ready", show.Month(period)],
        l["You earned {0} in {1}. Your balance at the end of the month: {2}.", show.Money(earned), show.Month(period), show.Money(closing)]);

    public NotificationText Payout(Money amount, DateOnly paidOn, string reference) => new(
        l["A payout of {0} was sent", show.Money(amount)],
        l["We paid you {0} on {1} (reference {2}).", show.Money(amount), show.Date(paidOn), reference]);

    public NotificationText Status(DistributorStatus before, DistributorStatus after) => new(
        l["Your status is now {0}", l[after.ToString()]],
        after switch
        {
            DistributorStatus.Active => l["Your status changed from {0} to {1}: you earn commissions again.", l[before.ToString()], l[after.ToString()]],
            DistributorStatus.Inactive => l["Your status changed from {0} to {1}: while inactive you earn no commissions.", l[before.ToString()], l[after.ToString()]],
            DistributorStatus.Terminated => l["Your status changed from {0} to {1}: your membership has ended and you can no longer log in.", l[before.ToString()], l[after.ToString()]],
        });

    public NotificationText LowVolume(Period period, Money missing, Money atStake) => new(
        l["Keep your commissions for {0}", show.Month(period)],
        l["{0} more personal volume by {1} keeps {2} of commissions for {3}.", show.Money(missing), show.Date(period.LastInstant), show.Money(atStake), show.Month(period)]);

    public NotificationText CustomerOrder(string customer, Money total) => new(
        l["New order from {0}", customer],
        l["{0} ordered {1} through your shop link. Arrange the payment with them, then mark the order paid.", customer, show.Money(total)]);

    /// <summary>The customer's confirmation of an order placed through <paramref name="seller"/>'s shop link: each line, the total, and what happens next.</summary>
    public MailText CustomerOrderConfirmation(CustomerOrder order, string seller)
    {
        ArgumentNullException.ThrowIfNull(order);
        var lines = order.Lines.Select(line => l["{0} × {1} at {2}: {3}", show.Number(line.Quantity), line.ProductName, show.Money(line.UnitPrice), show.Money(line.UnitPrice * line.Quantity)].Value);
        return new MailText(
            l["Your order #{0} with {1}", show.Number(order.Id), seller],
            [
                l["Thank you for your order #{0}, placed on {1} with {2}:", show.Number(order.Id), show.DateTime(order.PlacedAt), seller],
                string.Join("\n", lines),
                l["Total: {0}", show.Money(order.Total)],
                l["Nothing has been charged. {0} will contact you about payment and delivery; the order is confirmed once it is paid.", seller],
            ]);
    }

    /// <summary>The words of the link at the end of a notification e-mail.</summary>
    public string OpenLinkText() => l["Open MlmNetwork"];
}
