namespace MlmNetwork.Domain;

/// <summary>
/// A retail customer of one distributor (docs/rules.md, "customer / personal use"): a sale to
/// them counts as retail. Name required; e-mail and phone optional; consent to be contacted is
/// kept with the time it was given, so a distributor can show when the customer agreed.
/// </summary>
public sealed class Customer
{
    private Customer()
    {
        Name = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>The distributor whose customer this is; nobody else sees or sells to them.</summary>
    public long DistributorId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Lower-cased; unique within the distributor's customers (a shop order finds the customer by it).</summary>
    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public bool ConsentToContact { get; private set; }

    /// <summary>When the consent in force was given; null while it is not given.</summary>
    public DateTime? ConsentGivenAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static Customer Create(long distributorId, string name, string? email, string? phone, bool consent, DateTime now)
    {
        if (distributorId <= 0)
        {
            throw DomainRuleException.Invalid($"A customer belongs to a distributor.", "distributorId");
        }

        var customer = new Customer { DistributorId = distributorId, CreatedAt = now };
        customer.Update(name, email, phone, consent, now);
        return customer;
    }

    /// <summary>
    /// Changes the customer's details. Consent newly given is stamped with <paramref name="now"/>;
    /// consent kept keeps its first time; consent withdrawn clears it.
    /// </summary>
    public void Update(string name, string? email, string? phone, bool consent, DateTime now)
    {
        Name = Distributor.CleanName(name);
        Email = string.IsNullOrWhiteSpace(email) ? null : Distributor.CleanEmail(email);
        Phone = Distributor.CleanPhone(phone);
        GiveConsent(consent, now);
    }

    /// <summary>Records the customer's answer to "may we contact you?" (see <see cref="Update"/>).</summary>
    public void GiveConsent(bool consent, DateTime now)
    {
        if (consent && !ConsentToContact)
        {
            ConsentGivenAt = now;
        }
        else if (!consent)
        {
            ConsentGivenAt = null;
        }

        ConsentToContact = consent;
    }

    /// <summary>A sale to a customer is made by the customer's own distributor, nobody else.</summary>
    public void EnsureBelongsTo(long sellerId)
    {
        if (DistributorId != sellerId)
        {
            throw DomainRuleException.Invalid($"Customer {Id} is not a customer of the seller.", "customerId");
        }
    }
}
