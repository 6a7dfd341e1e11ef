using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;

namespace MlmNetwork.Infrastructure.Customers;

/// <summary>The details a distributor types for a customer.</summary>
public sealed record CustomerDetails(string Name, string? Email, string? Phone, bool Consent);

/// <summary>
/// A distributor's customers: created and changed only by their own distributor (the caller
/// passes who is asking; another distributor's customer is "not found"), one customer per
/// e-mail address within a distributor.
/// </summary>
public static class CustomerDirectory
{
    /// <summary>The distributor's own customer <paramref name="id"/>, or null (also when it is somebody else's).</summary>
    public static Task<Customer?> FindOwnAsync(MlmDbContext db, long distributorId, long id, CancellationToken ct) =>
        db.Customers.FirstOrDefaultAsync(c => c.Id == id && c.DistributorId == distributorId, ct);

    public static async Task<Customer> CreateAsync(MlmDbContext db, long distributorId, CustomerDetails details, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(details);
        var customer = Customer.Create(distributorId, details.Name, details.Email, details.Phone, details.Consent, now);
        await EnsureEmailFreeAsync(db, customer, ct);
        db.Customers.Add(customer);
        await SaveAsync(db, customer, ct);
        return customer;
    }

    public static async Task UpdateAsync(MlmDbContext db, Customer customer, CustomerDetails details, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(details);
        customer.Update(details.Name, details.Email, details.Phone, details.Consent, now);
        await EnsureEmailFreeAsync(db, customer, ct);
        await SaveAsync(db, customer, ct);
    }

    private static async Task EnsureEmailFreeAsync(MlmDbContext db, Customer customer, CancellationToken ct)
    {
        if (customer.Email is { } email && await db.Customers.AnyAsync(c => c.DistributorId == customer.DistributorId && c.Email == email && c.Id != customer.Id, ct))
        {
            throw DomainRuleException.Invalid($"You already have a customer with the e-mail {email}; choose them from your customers.", "email");
        }
    }

    private static async Task SaveAsync(MlmDbContext db, Customer customer, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (db.IsUniqueViolation(e))
        {
            throw DomainRuleException.Invalid($"You already have a customer with the e-mail {customer.Email}; choose them from your customers.", "email");
        }
    }
}
