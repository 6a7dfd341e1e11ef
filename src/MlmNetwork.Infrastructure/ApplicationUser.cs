using Microsoft.AspNetCore.Identity;

namespace MlmNetwork.Infrastructure;

/// <summary>A login. Distributors link to theirs through <see cref="MlmNetwork.Domain.Distributor.UserId"/>; admins have none.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The language the person chose (en-US, ru-RU), set as their culture cookie at login; null follows the browser.</summary>
    public string? PreferredCulture { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Distributor = "Distributor";
}
