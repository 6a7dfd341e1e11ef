using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MlmNetwork.Web.Infrastructure;

/// <summary>
/// Form, query and route values for booleans, whole numbers and enums are read strictly: a
/// checkbox is <c>true</c> or <c>false</c>, a number is decimal digits (no <c>0x10</c>), a status
/// is one of its names exactly (no <c>Active, Terminated</c>, no <c>2</c>). Anything else is a
/// form error, never a 500 and never a surprise value.
/// </summary>
public sealed class StrictModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = context.BindingInfo.BindingSource;
        if (source is not null && source != BindingSource.Form && source != BindingSource.Query && source != BindingSource.Path
            && source != BindingSource.ModelBinding && source != BindingSource.Custom)
        {
            return null;
        }

        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(bool) || type == typeof(int) || type == typeof(long) || type == typeof(short) || type.IsEnum
            ? new StrictBinder(type)
            : null;
    }

    private sealed class StrictBinder(Type type) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var values = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (values == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            var text = values.FirstValue;
            if (string.IsNullOrWhiteSpace(text))
            {
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, values);
                if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
                {
                    bindingContext.Result = ModelBindingResult.Success(null);
                }
                else
                {
                    bindingContext.ModelState.TryAddModelError(
                        bindingContext.ModelName,
                        bindingContext.ModelMetadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(bindingContext.ModelMetadata.GetDisplayName()));
                }

                return Task.CompletedTask;
            }

            if (TryRead(type.IsEnum ? text : text.Trim(), out var value))
            {
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, values);
                bindingContext.Result = ModelBindingResult.Success(value);
                return Task.CompletedTask;
            }

            // No raw value is kept, so the form shows the model's own value again (a checkbox cannot show "yes").
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, rawValue: null, attemptedValue: text);
            bindingContext.ModelState.TryAddModelError(
                bindingContext.ModelName,
                bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(Shorten(text), bindingContext.ModelMetadata.GetDisplayName()));
            return Task.CompletedTask;
        }

        private bool TryRead(string text, out object? value)
        {
            value = null;
            if (type == typeof(bool))
            {
                var yes = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
                var no = string.Equals(text, "false", StringComparison.OrdinalIgnoreCase);
                value = yes;
                return yes || no;
            }

            if (type.IsEnum)
            {
                var name = Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, text, StringComparison.Ordinal));
                value = name is null ? null : Enum.Parse(type, name);
                return name is not null;
            }

            const NumberStyles digits = NumberStyles.AllowLeadingSign;
            var culture = CultureInfo.InvariantCulture;
            if (type == typeof(int) && int.TryParse(text, digits, culture, out var i))
            {
                value = i;
                return true;
            }

            if (type == typeof(long) && long.TryParse(text, digits, culture, out var l))
            {
                value = l;
                return true;
            }

            if (type == typeof(short) && short.TryParse(text, digits, culture, out var s))
            {
                value = s;
                return true;
            }

            return false;
        }

        private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
    }
}
