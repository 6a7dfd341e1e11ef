using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Customers;

/// <summary>Customer orders newest first, of one distributor, one customer or everybody's, optionally in one state.</summary>
public static class CustomerOrderQuery
{
    public static IQueryable<CustomerOrderRow> Rows(MlmDbContext db, long? distributorId, long? customerId, CustomerOrderState? state)
    {
        ArgumentNullException.ThrowIfNull(db);
        var orders = db.CustomerOrders.AsNoTracking();
        if (distributorId is { } seller)
        {
            orders = orders.Where(o => o.DistributorId == seller);
        }

        if (customerId is { } customer)
        {
            orders = orders.Where(o => o.CustomerId == customer);
        }

        if (state is { } wanted)
        {
            orders = orders.Where(o => o.State == wanted);
        }

        return from o in orders
               join c in db.Customers on o.CustomerId equals c.Id
               join d in db.Distributors on o.DistributorId equals d.Id
               orderby o.Id descending
               select new CustomerOrderRow(o.Id, o.PlacedAt, o.State, o.Total, c.Id, c.Name, c.Email, c.Phone, d.Id, d.Name, o.SaleId);
    }

    /// <summary>The rows with their products.</summary>
    public static async Task<IReadOnlyList<CustomerOrderRow>> WithLinesAsync(MlmDbContext db, IReadOnlyList<CustomerOrderRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var ids = rows.Select(r => r.Id).ToList();
        var lines = (await db.Set<CustomerOrderLine>().AsNoTracking().Where(l => ids.Contains(l.CustomerOrderId)).OrderBy(l => l.Id)
            .Select(l => new { l.CustomerOrderId, l.Quantity, l.ProductName }).ToListAsync(ct)).ToLookup(l => l.CustomerOrderId);
        return [.. rows.Select(r => r with { Lines = [.. lines[r.Id].Select(l => (l.Quantity, l.ProductName))] })];
    }
}
