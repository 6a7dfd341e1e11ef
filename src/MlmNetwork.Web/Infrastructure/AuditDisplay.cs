using Microsoft.Extensions.Localization;
using MlmNetwork.Infrastructure;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// The audit log in the reader's language: each action's name, each entry's subject and details
/// from their templates (an entry written before templates shows its stored English, marked as
/// English), and who acted (a person's login as it is; an API key, the system, the demo seed
/// named in words). Russian is in Resources/Infrastructure/AuditDisplay.ru.resx.
/// </summary>
public sealed class AuditDisplay(IStringLocalizer<AuditDisplay> localizer, TemplateText templates)
{
    /// <summary>The English name of each action the app audits, by its code (the code stays in the database, the filter and the CSV).</summary>
    private static readonly Dictionary<string, string> ActionNames = new(StringComparer.Ordinal)
    {
        ["distributor.status"] = "Status changed",
        ["distributor.move"] = "Moved to another sponsor",
        ["sale.refund"] = "Sale refunded",
        ["sales.import"] = "Sales imported",
        ["product.create"] = "Product created",
        ["product.update"] = "Product changed",
        ["product.activate"] = "Product back on sale",
        ["product.deactivate"] = "Product taken off sale",
        ["plan.save"] = "Plan version saved",
        ["plan.withdraw"] = "Plan version withdrawn",
        ["period.close"] = "Month closed",
        ["payout-run.propose"] = "Payout run proposed",
        ["payout-run.confirm"] = "Payout run confirmed",
        ["payout-run.cancel"] = "Payout run cancelled",
        ["settings.minimum-payout"] = "Minimum payout changed",
        ["apikey.create"] = "API key created",
        ["apikey.revoke"] = "API key revoked",
        ["mail.retry"] = "E-mail sent again",
        ["distributor.payout-account"] = "Payout account changed",
        ["starter-kit.create"] = "Starter kit created",
        ["starter-kit.update"] = "Starter kit changed",
        ["starter-kit.activate"] = "Starter kit offered again",
        ["starter-kit.deactivate"] = "Starter kit no longer offered",
        ["terms.publish"] = "Terms published",
        ["customer-order.paid"] = "Customer order marked paid",
        ["customer-order.cancel"] = "Customer order cancelled",
        ["training.create"] = "Training module written",
        ["training.update"] = "Training module changed",
        ["plan-draft.create"] = "Draft plan written",
        ["plan-draft.update"] = "Draft plan changed",
        ["plan-draft.delete"] = "Draft plan deleted",
        ["simulation.run"] = "Draft plan replayed",
        ["disclosure.publish"] = "Income disclosure published",
    };

    /// <summary>Who acted without being a person: written by the start-up, the demo seed or an unsigned request.</summary>
    private static readonly HashSet<string> NamedActors = new(StringComparer.Ordinal) { "system", "bootstrap", "demo", "anonymous" };

    /// <summary>An action's name; one this list does not know shows its code, marked as not translated.</summary>
    public Shown Action(string code) =>
        ActionNames.TryGetValue(code, out var name) ? new(localizer[name].Value, false) : new(code, true);

    public Shown Subject(AuditEntry entry) => Text(entry?.Subject, entry?.SubjectTemplate);

    public Shown Details(AuditEntry entry) => Text(entry?.Details, entry?.DetailsTemplate);

    /// <summary>Who acted, as the reader says it: a login as it is, "API key 'Shop'" and the app's own actors in words.</summary>
    public string Who(string actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (ApiKeyAuthenticationHandler.KeyNameIn(actor) is { } key)
        {
            return localizer["API key '{0}'", key].Value;
        }

        return NamedActors.Contains(actor) ? localizer[actor].Value : actor;
    }

    private Shown Text(string? english, string? json) =>
        AuditTemplate.FromJson(json) is { } template
            ? new(templates.Format(localizer, template.Text, template.Arguments()), false)
            : new(english ?? string.Empty, true);

    /// <summary>Text to show; <paramref name="English"/> when it could only be shown as stored, in English.</summary>
    public readonly record struct Shown(string Text, bool English);
}
