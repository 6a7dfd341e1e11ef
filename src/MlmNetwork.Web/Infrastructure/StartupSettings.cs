using MlmNetwork.Infrastructure.Security;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>Settings checked before anything starts, so a wrong one stops the app with a message saying what to set.</summary>
public static class StartupSettings
{
    public static string? Problem(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var apiKey = configuration["Bootstrap:ApiKey"];
        if (!string.IsNullOrEmpty(apiKey) && apiKey.Trim().Length < ApiKey.MinLength)
        {
            return $"Bootstrap__ApiKey is {apiKey.Trim().Length} characters long; it must have at least {ApiKey.MinLength} (for example the output of: openssl rand -hex 24).";
        }

        try
        {
            PublicLinks.Read(configuration["App:PublicBaseUrl"]);
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }

        return null;
    }
}
