using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Security;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>Authenticates /api/v1 callers by the <c>X-Api-Key</c> header against the hashed keys admins issue.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MlmDbContext db,
    KnownApiKeys known) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const int MaxKeyLength = 200;

    private const string ActorPrefix = "API key '";

    /// <summary>Who a key's calls are in the audit log and on the pages: "API key 'Online shop'".</summary>
    public static string ActorFor(string keyName) => ActorPrefix + keyName + "'";

    /// <summary>The key's name in an actor written by <see cref="ActorFor"/>; null for a person.</summary>
    public static string? KeyNameIn(string actor) =>
        actor is not null && actor.Length > ActorPrefix.Length && actor.StartsWith(ActorPrefix, StringComparison.Ordinal) && actor.EndsWith('\'')
            ? actor[ActorPrefix.Length..^1]
            : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = values.ToString().Trim();
        if (secret.Length > MaxKeyLength)
        {
            return AuthenticateResult.Fail("Invalid API key.");
        }

        var hash = ApiKey.Hash(secret);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Invalid API key.");
        }

        known.Authenticated(hash);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, $"apikey:{key.Id}"), new Claim(ClaimTypes.Name, ActorFor(key.Name))],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Results.Problem(
            title: "Unauthorized",
            detail: Context.RequestServices.GetRequiredService<RuleMessages>().Format($"Send a valid API key in the {HeaderName} header."),
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
}
