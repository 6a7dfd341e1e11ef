using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Security;

namespace MlmNetwork.Infrastructure.Seeding;

/// <summary>Operator settings (<c>Bootstrap__AdminEmail</c>, <c>Bootstrap__AdminPassword</c>, <c>Bootstrap__ApiKey</c>); nothing secret is committed.</summary>
public sealed class BootstrapOptions
{
    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    public string? ApiKey { get; set; }
}

/// <summary>
/// What every database needs before the first request: the roles, the house account (root of
/// the sponsor tree), a commission plan, and the operator's admin and API key when configured.
/// Safe to run at every start.
/// </summary>
public sealed class BootstrapSeeder(
    MlmDbContext db,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<BootstrapOptions> options,
    BusinessClock clock,
    ILogger<BootstrapSeeder> logger)
{
    public const string HouseEmail = "house@mlmnetwork.local";

    /// <summary>The plan a new company starts with: 10% personal, then 5, 3, 2 and 1% for levels 1 to 4.</summary>
    public static CommissionPlan DefaultPlan(DateTime effectiveFrom) => CommissionPlan.Create(
        1, new Percent(1000), [new Percent(500), new Percent(300), new Percent(200), new Percent(100)], false, Money.Zero, effectiveFrom, "system");

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        foreach (var role in new[] { Roles.Admin, Roles.Distributor })
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (!await db.Distributors.AnyAsync(d => d.IsHouse, ct))
        {
            db.Distributors.Add(Distributor.CreateHouse("The Company (house account)", HouseEmail, ReferralCode.New(), now));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Created the house account");
        }

        await Network.TreeHistory.EnsureStartedAsync(db, now, ct);
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.AdminEmail) && !string.IsNullOrWhiteSpace(settings.AdminPassword))
        {
            await EnsureAdminAsync(settings.AdminEmail, settings.AdminPassword);
        }

        if (!string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            if (settings.ApiKey.Length < ApiKey.MinLength)
            {
                throw new BootstrapException($"Bootstrap__ApiKey is {settings.ApiKey.Length} characters long; it must have at least {ApiKey.MinLength} (for example the output of: openssl rand -hex 24).");
            }

            var hash = ApiKey.Hash(settings.ApiKey);
            if (!await db.ApiKeys.AnyAsync(k => k.KeyHash == hash, ct))
            {
                db.ApiKeys.Add(ApiKey.For("Bootstrap key", settings.ApiKey, "bootstrap", now));
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Added the bootstrap API key");
            }
        }

        // Hints written by older versions kept more of the key than a hint should.
        var longHints = await db.ApiKeys.Where(k => k.Hint.Length > ApiKey.HintLength).ToListAsync(ct);
        if (longHints.Count > 0)
        {
            longHints.ForEach(k => k.Hint = k.Hint[..ApiKey.HintLength]);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Says what to set when, after the bootstrap and any demo data, the company still has no admin.</summary>
    public async Task WarnWhenNoAdminAsync()
    {
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count == 0)
        {
            logger.LogWarning("No admin account exists yet. Set Bootstrap__AdminEmail and Bootstrap__AdminPassword (at least 8 characters, not a common password) and start the app again to create the first admin.");
        }
    }

    public async Task EnsurePlanAsync(CancellationToken ct)
    {
        if (!await db.CommissionPlans.AnyAsync(ct))
        {
            db.CommissionPlans.Add(DefaultPlan(clock.UtcNow));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Created the default commission plan");
        }
    }

    /// <summary>Creates the admin login, or makes an existing one an admin with the configured password.</summary>
    public async Task EnsureAdminAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Administrator", EmailConfirmed = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new BootstrapException("The admin from Bootstrap__AdminEmail/Bootstrap__AdminPassword could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            logger.LogInformation("Created admin login {AdminEmail}", email);
        }
        else if (!await users.CheckPasswordAsync(user, password))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var reset = await users.ResetPasswordAsync(user, token, password);
            if (!reset.Succeeded)
            {
                throw new BootstrapException("Bootstrap__AdminPassword cannot be used: " + string.Join(" ", reset.Errors.Select(e => e.Description)));
            }

            logger.LogInformation("Reset the password of admin login {AdminEmail} to the configured one", email);
        }

        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            await users.AddToRoleAsync(user, Roles.Admin);
        }
    }
}

/// <summary>Operator settings the app cannot start with; the message says what to change.</summary>
public sealed class BootstrapException(string message) : Exception(message);
