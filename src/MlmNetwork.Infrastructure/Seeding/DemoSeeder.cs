using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Customers;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Payouts;
using MlmNetwork.Infrastructure.Periods;
using MlmNetwork.Infrastructure.Sales;

namespace MlmNetwork.Infrastructure.Seeding;

/// <summary>
/// A demo network for a first look: an admin, 30 distributors up to 6 levels deep, products,
/// a plan and about four months of sales, a few refunds, the past months closed with their
/// statements, the first one paid out by a confirmed payout run and the rest proposed in an open one, all through the real services. Runs only on an empty
/// network, and only when <c>Seed:Demo</c> is on.
/// </summary>
public sealed class DemoSeeder(
    MlmDbContext db,
    EnrollmentService enrollment,
    SalePostingService sales,
    RefundService refunds,
    PeriodClosingService periods,
    PayoutRuns payouts,
    DistributorAdministration administration,
    Simulator.SimulationRuns simulations,
    CustomerOrders customerOrders,
    UserManager<ApplicationUser> users,
    BusinessClock clock,
    ILogger<DemoSeeder> logger,
    Reports.IncomeDisclosures disclosures)
{
    public const string AdminEmail = "admin@demo.mlmnetwork.local";
    public const string LeaderEmail = "alice@demo.mlmnetwork.local";
    public const string RecruitEmail = "frank@demo.mlmnetwork.local";

    /// <summary>The password of every demo login; printed in the log at start-up. Demo data only.</summary>
    public const string DemoPassword = "Demo-pass-2026!";

    private static readonly string[] Names =
    [
        "Alice Leader", "Bob Builder", "Carol Chen", "Dan Diaz", "Erin Evans", "Frank Fischer", "Grace Gomez", "Hugo Hall",
        "Ines Ito", "Jack Jones", "Kira Kim", "Liam Lopez", "Maya Mori", "Noah Nagy", "Ольга Петрова", "Paul Park",
        "Quinn Quist", "Rosa Rossi", "Sam Singh", "Tara Tanaka", "Uma Udall", "Виктор Соколов", "Wendy Wu", "Xavi Xu",
        "Яна Волкова", "Zane Zhou", "Amir Aziz", "Bea Berg", "Cyrus Cole", "Dina Dahl",
    ];

    public async Task<bool> SeedAsync(CancellationToken ct)
    {
        if (await db.Distributors.AnyAsync(d => !d.IsHouse, ct))
        {
            return false;
        }

        var now = clock.UtcNow;
        var start = new Period(now.Year, now.Month).StartsAt.AddMonths(-3);
        if (!await db.CommissionPlans.AnyAsync(ct))
        {
            // The default plan, with a minimum personal volume of 20.00 a month so closed months show forfeits, and a
            // minimum customer share of 70 % that only flags (the retail report and the dashboard show who is below it;
            // the switch is off, so the demo's ledger is what it was before the rule existed).
            var plan = BootstrapSeeder.DefaultPlan(start);
            db.CommissionPlans.Add(CommissionPlan.Create(plan.Version, plan.PersonalPercent, plan.Levels, plan.Compression, new Money(2000), start, "demo", new CustomerShareRule(new Percent(7000), forfeitAtClose: false)));
        }

        db.Products.AddRange(
            Product.Create("VIT-C", "Vitamin C, 90 tablets", new Money(1999), new Money(1500), start),
            Product.Create("OMEGA-3", "Omega-3, 60 capsules", new Money(2950), null, start),
            Product.Create("PROT-VAN", "Protein shake, vanilla 1 kg", new Money(4500), new Money(3600), start),
            Product.Create("TEA-GRN", "Green tea, 40 bags", new Money(899), null, start),
            Product.Create("SKIN-SET", "Skin care set", new Money(8900), new Money(7000), start));
        await db.SaveChangesAsync(ct);

        // Each login gets its own salt and hash, even with the one published demo password.
        var admin = new ApplicationUser { UserName = AdminEmail, Email = AdminEmail, DisplayName = "Demo admin", EmailConfirmed = true };
        admin.PasswordHash = users.PasswordHasher.HashPassword(admin, DemoPassword);
        await CreateLoginAsync(admin, Roles.Admin);

        var random = new Random(2026);
        var members = new List<Distributor>();
        // Starter kits, the terms every recruit accepts and the training course (DemoOnboarding).
        var (kits, terms) = await DemoOnboarding.SeedAsync(db, start, ct);
        for (var i = 0; i < Names.Length; i++)
        {
            // The first five form a chain (depth 1 to 5); the rest join somebody recent, so the tree stays deep.
            var sponsorCode = i == 0 ? null : members[i < 5 ? i - 1 : random.Next(Math.Max(0, i - 8), i)].ReferralCode;
            var email = EmailOf(Names[i]);
            // Joins spread over the months the demo covers, so the team growth chart has a shape.
            var joinedAt = start.AddSeconds((now - start).TotalSeconds * 0.9 * i / Names.Length);
            var kit = i % 3 == 2 ? ((long Id, int Version)?)null : kits[i % kits.Count];
            var member = await enrollment.EnrollAsync(new Enrolment(Names[i], email, sponsorCode, kit?.Id, terms, joinedAt, kit?.Version), null, ct);
            var login = new ApplicationUser { UserName = email, Email = email, DisplayName = Names[i], EmailConfirmed = true };
            login.PasswordHash = users.PasswordHasher.HashPassword(login, DemoPassword);
            await CreateLoginAsync(login, Roles.Distributor);
            member.LinkLogin(login.Id);
            await db.SaveChangesAsync(ct);
            members.Add(member);
        }

        // A complete profile for the leader, and one member who reads (and gets e-mails in) Russian.
        members[0].UpdateDetails(members[0].Name, "+44 20 7946 0018", "12 Market Street\nLondon EC1A 1BB");
        members[0].SetPayoutAccount("GB33BUKB20201555555555");
        members[0].SharePhoneWithRecruits(true);
        foreach (var russian in new[] { "olga@demo.mlmnetwork.local", "victor@demo.mlmnetwork.local", "yana@demo.mlmnetwork.local" })
        {
            await db.Users.Where(u => u.Email == russian).ExecuteUpdateAsync(u => u.SetProperty(x => x.PreferredCulture, "ru-RU"), ct);
        }

        await db.SaveChangesAsync(ct);

        var skus = new[] { "VIT-C", "OMEGA-3", "PROT-VAN", "TEA-GRN", "SKIN-SET" };
        var customers = await SeedCustomersAsync(members, random, now, ct);
        var planned = new List<(DateTime At, long Seller, List<SaleRequestLine> Lines, long? Customer)>();
        for (var month = start; month <= now; month = month.AddMonths(1))
        {
            var monthEnd = month.AddMonths(1) < now ? month.AddMonths(1) : now;
            foreach (var member in members)
            {
                for (var n = random.Next(0, 4); n > 0; n--)
                {
                    var at = month.AddSeconds(random.NextDouble() * (monthEnd - month).TotalSeconds * 0.98);
                    var lines = Enumerable.Range(0, random.Next(1, 3))
                        .Select(_ => new SaleRequestLine(skus[random.Next(skus.Length)], random.Next(1, 4)))
                        .ToList();
                    if (at > member.JoinedAt)
                    {
                        // Most members sell mostly to customers; every fifth buys mostly for their own use.
                        var retail = members.IndexOf(member) % 5 == 3 ? 0.15 : 0.62;
                        var theirs = customers[member.Id];
                        var customer = theirs.Count > 0 && random.NextDouble() < retail ? theirs[random.Next(theirs.Count)] : (long?)null;
                        planned.Add((at, member.Id, lines, customer));
                    }
                }
            }
        }

        // Posted in the order they were made, as real sales are, so the ledger reads in time order.
        var saleCount = 0;
        foreach (var (at, seller, lines, customer) in planned.OrderBy(p => p.At))
        {
            await sales.PostAtAsync(new SaleRequest(seller, lines, null, $"demo-sale-{++saleCount}", customer), at, ct);
        }

        // A few refunds, the past months closed with their statements, and the first month paid out.
        var refunded = await db.Sales.AsNoTracking().OrderBy(s => s.Id).Where(s => s.Id % 37 == 0).Select(s => s.Id).ToListAsync(ct);
        foreach (var saleId in refunded)
        {
            await refunds.RefundAsync(saleId, $"demo-refund-{saleId}", "demo", "returned by the customer", ct);
        }

        for (var month = new Period(start.Year, start.Month); month.EndsAt <= now; month = Period.Of(month.EndsAt))
        {
            await periods.CloseAsync(month, "demo", ct);
        }

        // The first month paid out by a confirmed run; everything since proposed in an open run.
        var firstMonth = new Period(start.Year, start.Month);
        var paid = await payouts.ProposeAsync(firstMonth, "demo", ct);
        await payouts.ConfirmAsync(paid.Id, DateOnly.FromDateTime(now), "DEMO-BANK-0001", "demo", ct);
        var lastClosed = Period.Of(now).Previous();
        if (lastClosed > firstMonth)
        {
            await payouts.ProposeAsync(lastClosed, "demo", ct);
        }
        await SeedCustomerOrdersAsync(members, skus, ct);
        await ShowOnTheOverviewAsync(members, now, ct);
        await ShowInTheSimulatorAsync(lastClosed, ct);
        // The income disclosure of the closed months, published, so the public page and the join pages' link show real figures.
        if (lastClosed >= firstMonth)
        {
            await disclosures.PublishAsync(firstMonth, lastClosed, "demo", ct);
        }

        logger.LogInformation("Seeded the demo network: {DistributorCount} distributors, {SaleCount} sales, {RefundCount} refunds", members.Count, saleCount, refunded.Count);
        return true;
    }

    /// <summary>
    /// So the admin's overview and the income disclosure have something to show: the two founders
    /// joined over two years and over a year ago (so the disclosure has every tenure; the others
    /// joined over the months the demo covers, each before their first sale); two members have
    /// paused (Inactive) and one has left (Terminated).
    /// </summary>
    private async Task ShowOnTheOverviewAsync(List<Distributor> members, DateTime now, CancellationToken ct)
    {
        foreach (var (founder, joined) in new[] { (members[0], now.AddYears(-2).AddDays(-40)), (members[1], now.AddMonths(-16)) })
        {
            await db.Database.ExecuteSqlAsync($"UPDATE distributors SET joined_at = {joined} WHERE id = {founder.Id}", ct);
        }

        await db.NetworkSignupDays.ExecuteDeleteAsync(ct);
        await NetworkCounters.BackfillAsync(db, ct);
        foreach (var (name, status) in new[] { ("Dina Dahl", DistributorStatus.Inactive), ("Zane Zhou", DistributorStatus.Inactive), ("Cyrus Cole", DistributorStatus.Terminated) })
        {
            await administration.ChangeStatusAsync(members.Single(m => m.Name == name).Id, status, "demo", "demo", ct);
        }
    }

    /// <summary>The demo address of a member: the first name, in Latin letters for the Russian members.</summary>
    private static string EmailOf(string name) => name.Split(' ')[0] switch
    {
        "Ольга" => "olga",
        "Виктор" => "victor",
        "Яна" => "yana",
        var first => first.ToLowerInvariant(),
    } + "@demo.mlmnetwork.local";

    /// <summary>The plan simulator shows a draft (level 2 at 2% instead of 3%, with compression) replayed on the last closed month.</summary>
    private async Task ShowInTheSimulatorAsync(Period lastClosed, CancellationToken ct)
    {
        var plan = await db.CommissionPlans.AsNoTracking().OrderByDescending(p => p.Version).FirstAsync(ct);
        var levels = plan.Levels.ToList();
        levels[1] = new Percent(200);
        var draft = await Simulator.PlanDrafts.CreateAsync(db, "Level 2 at 2%, with compression", CommissionPlan.Draft(plan.PersonalPercent, levels, true, plan.MinPersonalVolume, plan.CustomerShare), "demo", clock.UtcNow, ct);
        await simulations.QueueAsync(draft.Id, lastClosed, lastClosed, "demo", ct);
        await simulations.RunNextAsync(ct);
    }

    private static readonly string[] CustomerNames =
    [
        "Anna Berg", "Ben Carter", "Chloe Dubois", "David Ek", "Elena Fox", "Felix Grant", "Gina Holm", "Henry Irving",
        "Isla James", "Jon Keller", "Kate Lund", "Leo Marsh", "Mia Novak", "Nils Olsen", "Omar Price", "Pia Quinn",
        "Ravi Shah", "Sara Thorn", "Tom Usher", "Vera Wolf",
    ];

    /// <summary>Two to five customers per member, some with an e-mail or a phone, most agreeing to be contacted, each added (and agreeing) a few days after the member joined but never after today.</summary>
    private async Task<Dictionary<long, List<long>>> SeedCustomersAsync(List<Distributor> members, Random random, DateTime now, CancellationToken ct)
    {
        var byMember = new Dictionary<long, List<long>>();
        foreach (var member in members)
        {
            var added = new List<Customer>();
            for (var n = random.Next(2, 6); n > 0; n--)
            {
                var name = CustomerNames[random.Next(CustomerNames.Length)];
                var email = random.Next(3) > 0 ? $"{name.Replace(' ', '.').ToLowerInvariant()}.{member.Id}.{n}@example.com" : null;
                var phone = random.Next(2) == 0 ? $"+44 7700 900{random.Next(100, 999)}" : null;
                var addedAt = member.JoinedAt.AddDays(random.Next(1, 20));
                added.Add(Customer.Create(member.Id, name, email, phone, random.Next(4) > 0, addedAt < now ? addedAt : now));
            }

            db.Customers.AddRange(added);
            await db.SaveChangesAsync(ct);
            byMember[member.Id] = [.. added.Select(c => c.Id)];
        }

        return byMember;
    }

    /// <summary>A few orders through the first members' shop links: some waiting for payment, some paid, one cancelled before and one after payment.</summary>
    private async Task SeedCustomerOrdersAsync(List<Distributor> members, string[] skus, CancellationToken ct)
    {
        var orders = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            var member = members[i % 4];
            var name = CustomerNames[(i * 7) % CustomerNames.Length];
            var order = await customerOrders.PlaceAsync(
                member.ReferralCode,
                new ShopOrder(name, $"shop.{i}@example.com", null, i % 2 == 0, [new SaleRequestLine(skus[i % skus.Length], 1 + (i % 3))]),
                ct);
            orders.Add(order.Id);
        }

        foreach (var id in orders.Skip(3).Take(4))
        {
            await customerOrders.MarkPaidAsync(id, "demo", ct);
        }

        await customerOrders.CancelAsync(orders[2], "demo", ct);
        await customerOrders.CancelAsync(orders[6], "demo", ct);
    }

    private async Task CreateLoginAsync(ApplicationUser user, string role)
    {
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Demo login could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
    }
}
