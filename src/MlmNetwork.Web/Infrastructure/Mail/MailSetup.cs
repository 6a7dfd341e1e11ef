using MlmNetwork.Infrastructure.Mail;
using MlmNetwork.Web.Infrastructure.Notifications;

namespace MlmNetwork.Web.Infrastructure.Mail;

public static class MailSetup
{
    /// <summary>
    /// E-mail and notifications: the outbox's sender over SMTP (<c>Smtp:Host</c>, <c>Port</c>,
    /// <c>User</c>, <c>Password</c>, <c>From</c>, <c>UseTls</c>) or, with no host, the pickup
    /// folder (<c>Mail:PickupDirectory</c>); the notification dispatcher; and the background worker
    /// that runs both (off with <c>Mail:BackgroundWorker=false</c>, as in the tests, which drain by hand).
    /// </summary>
    public static IServiceCollection AddMlmMail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var smtp = configuration.GetSection("Smtp");
        var mail = configuration.GetSection("Mail");
        var pickup = mail["PickupDirectory"] is { Length: > 0 } folder ? folder : Path.Combine("App_Data", "mail");
        var options = new MailOptions
        {
            SmtpHost = smtp["Host"],
            SmtpPort = smtp.GetValue("Port", 587),
            SmtpUser = smtp["User"],
            SmtpPassword = smtp["Password"],
            SmtpUseTls = smtp.GetValue("UseTls", true),
            From = smtp["From"] is { Length: > 0 } from ? from : new MailOptions().From,
            PickupDirectory = Path.IsPathRooted(pickup) ? pickup : Path.Combine(environment.ContentRootPath, pickup),
            MaxAttempts = Math.Max(1, mail.GetValue("MaxAttempts", 10)),
            ClaimFor = TimeSpan.FromSeconds(Math.Max(10, mail.GetValue("ClaimSeconds", 300))),
        };
        services.AddSingleton(options);
        services.AddSingleton<IMailTransport>(options.UsesSmtp ? new SmtpTransport(options) : new PickupDirectoryTransport(options.PickupDirectory));
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<MailSignal>();
        services.AddSingleton<MailLinks>();
        services.AddSingleton<MailComposer>();
        services.AddScoped<AccountEmails>();
        services.AddSingleton<NotificationTexts>();
        services.AddSingleton<NotificationDispatcher>();
        services.Configure<NotificationOptions>(configuration.GetSection("Notifications"));
        if (mail.GetValue("BackgroundWorker", true))
        {
            services.AddHostedService<NotificationWorker>();
        }

        return services;
    }
}
