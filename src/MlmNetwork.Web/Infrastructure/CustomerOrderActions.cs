using Microsoft.Extensions.Localization;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Customers;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// The "Paid" and "Cancel" buttons of a customer order, for the distributor's pages and the
/// admin's alike: runs the change and answers the flash message in the reader's language. The
/// page checks first that the order is the reader's to change.
/// </summary>
public sealed class CustomerOrderActions(CustomerOrders orders, RuleMessages rules, Display show, IStringLocalizer<CustomerOrderActions> t)
{
    public async Task<string> MarkPaidAsync(long orderId, string actor, CancellationToken ct)
    {
        try
        {
            var sale = await orders.MarkPaidAsync(orderId, actor, ct);
            return t["Order #{0} is paid: it is sale #{1} of {2}.", orderId, sale.Id, show.Money(sale.Total)];
        }
        catch (DomainRuleException e)
        {
            return rules.Text(e);
        }
    }

    public async Task<string> CancelAsync(long orderId, string actor, CancellationToken ct)
    {
        try
        {
            return await orders.CancelAsync(orderId, actor, ct) is { } refunded
                ? t["Order #{0} is cancelled; its sale #{1} is refunded and the commissions it paid are taken back.", orderId, refunded]
                : t["Order #{0} is cancelled.", orderId];
        }
        catch (DomainRuleException e)
        {
            return rules.Text(e);
        }
    }
}
