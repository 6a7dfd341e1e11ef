using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Security;

namespace MlmNetwork.Infrastructure;

/// <summary>
/// The database. One model, two providers: <see cref="NpgsqlMlmDbContext"/> (production) and
/// <see cref="SqliteMlmDbContext"/> (the zero-setup default), each with its own migrations:
/// <code>
/// dotnet ef migrations add NAME -p src/MlmNetwork.Infrastructure -s src/MlmNetwork.Infrastructure --context NpgsqlMlmDbContext -o Migrations/Postgres
/// dotnet ef migrations add NAME -p src/MlmNetwork.Infrastructure -s src/MlmNetwork.Infrastructure --context SqliteMlmDbContext -o Migrations/Sqlite
/// </code>
/// </summary>
public abstract class MlmDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Distributor> Distributors => Set<Distributor>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<CommissionPlan> CommissionPlans => Set<CommissionPlan>();

    public DbSet<Sale> Sales => Set<Sale>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<CustomerOrder> CustomerOrders => Set<CustomerOrder>();

    public DbSet<SaleLine> SaleLines => Set<SaleLine>();

    public DbSet<CommissionLine> CommissionLines => Set<CommissionLine>();

    public DbSet<SaleUnpaidMember> SaleUnpaidMembers => Set<SaleUnpaidMember>();

    public DbSet<Sales.SaleBatch> SaleBatches => Set<Sales.SaleBatch>();

    public DbSet<CommissionPeriod> CommissionPeriods => Set<CommissionPeriod>();

    public DbSet<Statement> Statements => Set<Statement>();

    public DbSet<Payout> Payouts => Set<Payout>();

    public DbSet<PayoutRun> PayoutRuns => Set<PayoutRun>();

    public DbSet<PayoutRunItem> PayoutRunItems => Set<PayoutRunItem>();

    public DbSet<CompanySettings> CompanySettings => Set<CompanySettings>();

    public DbSet<DistributorMonthStats> DistributorMonthStats => Set<DistributorMonthStats>();

    public DbSet<TeamVolumeEntry> TeamVolumeQueue => Set<TeamVolumeEntry>();

    public DbSet<DistributorEarnings> DistributorEarnings => Set<DistributorEarnings>();

    public DbSet<DownlineLevel> DownlineLevels => Set<DownlineLevel>();

    public DbSet<DownlineGrowth> DownlineGrowth => Set<DownlineGrowth>();

    public DbSet<NetworkCount> NetworkCounts => Set<NetworkCount>();

    public DbSet<NetworkSignupDay> NetworkSignupDays => Set<NetworkSignupDay>();

    public DbSet<NetworkMonthStats> NetworkMonthStats => Set<NetworkMonthStats>();

    public DbSet<EarnerMonthTotal> EarnerMonthTotals => Set<EarnerMonthTotal>();

    public DbSet<EarnerTotal> EarnerTotals => Set<EarnerTotal>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StarterKit> StarterKits => Set<StarterKit>();

    public DbSet<TermsVersion> TermsVersions => Set<TermsVersion>();

    public DbSet<TermsAcceptance> TermsAcceptances => Set<TermsAcceptance>();

    public DbSet<TrainingModule> TrainingModules => Set<TrainingModule>();

    public DbSet<TrainingCompletion> TrainingCompletions => Set<TrainingCompletion>();

    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();

    public DbSet<Notifications.NotificationEvent> NotificationEvents => Set<Notifications.NotificationEvent>();

    public DbSet<NotificationPreferences> NotificationPreferences => Set<NotificationPreferences>();

    public DbSet<Mail.OutboxMessage> OutboxMessages => Set<Mail.OutboxMessage>();

    public DbSet<PlanDraft> PlanDrafts => Set<PlanDraft>();

    public DbSet<SimulationRun> SimulationRuns => Set<SimulationRun>();

    public DbSet<Simulator.SimulationResult> SimulationResults => Set<Simulator.SimulationResult>();

    public DbSet<DistributorChange> DistributorChanges => Set<DistributorChange>();

    public DbSet<PublishedDisclosure> PublishedDisclosures => Set<PublishedDisclosure>();

    public DbSet<Sales.SaleImportRecord> SaleImports => Set<Sales.SaleImportRecord>();

    /// <summary>True when the failure is a unique-constraint violation (a duplicate key, email, SKU...).</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>
    /// Makes the current transaction the only one changing payouts until it ends, so what is
    /// payable is read and paid as one step even with several app instances (docs/rules.md rule 10).
    /// </summary>
    public abstract Task LockPayoutsAsync(CancellationToken ct);

    /// <summary>True when the failure is a passing database fault worth one more try on a fresh context.</summary>
    public abstract bool IsTransient(Exception exception);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // One naming scheme everywhere: Identity's tables in snake_case like ours.
        builder.Entity<ApplicationUser>().ToTable("users").Property(u => u.PreferredCulture).HasMaxLength(10);
        builder.Entity<IdentityRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        builder.ApplyConfigurationsFromAssembly(typeof(MlmDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<Money>().HaveConversion<MoneyConverter>();
        configurationBuilder.Properties<Percent>().HaveConversion<PercentConverter>();
    }

    private sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Cents, c => new Money(c));

    private sealed class PercentConverter() : ValueConverter<Percent, int>(p => p.BasisPoints, b => new Percent(b));
}
