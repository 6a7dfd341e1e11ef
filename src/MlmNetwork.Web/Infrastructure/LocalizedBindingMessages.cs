using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>The framework's own form-binding messages ("The value 'x' is not valid"), in the reader's language.</summary>
public sealed class LocalizedBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var t = factory.Create(typeof(SharedResource));
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => t["The value '{0}' is not valid for {1}.", value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => t["A value for {0} was not provided.", field]);
        messages.SetMissingKeyOrValueAccessor(() => t["A value is required."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => t["A non-empty request body is required."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => t["The value '{0}' is not valid.", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["The value is not valid."]);
        messages.SetUnknownValueIsInvalidAccessor(field => t["The value is not valid for {0}.", field]);
        messages.SetValueIsInvalidAccessor(value => t["The value '{0}' is not valid.", value]);
        messages.SetValueMustBeANumberAccessor(field => t["{0} must be a number.", field]);
        messages.SetValueMustNotBeNullAccessor(value => t["A value is required for {0}.", value]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => t["The field must be a number."]);
    }
}
