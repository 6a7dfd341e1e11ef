using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure.Security;
using MlmNetwork.Web.Api;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Tests;

/// <summary>
/// Every refusal the code can throw reads in Russian: the source is scanned for each
/// <c>DomainRuleException.Invalid/Conflict/NotFound($"...")</c> and <c>new ApiInputException($"...")</c>,
/// each literal is turned into the composite-format template the compiler makes of it (the key
/// <see cref="RuleMessages"/> looks up), and RuleMessages.ru.resx must have it with the same holes.
/// </summary>
public partial class RuleTranslationTests
{
    /// <summary>Fixed texts the API and the pages say through <see cref="RuleMessages.Text(string)"/>.</summary>
    public static TheoryData<string> FixedTexts =>
    [
        ProblemExceptionHandler.UnreadableBody,
        ProblemExceptionHandler.DatabaseOutage,
        ControlCharacters.Message,
        RateLimits.SlowDown,
    ];

    private static readonly string Root = FindRepositoryRoot();

    [Fact]
    public void Every_refusal_thrown_in_the_source_has_its_Russian_with_the_same_holes()
    {
        var thrown = Templates();
        var russian = Russian("Infrastructure/RuleMessages.ru.resx");

        // The scan itself must have worked: it finds the refusals there are (over a hundred) and reads them as the compiler does.
        Assert.True(thrown.Count > 90, $"The scan found only {thrown.Count} templates");
        Assert.Contains("Quantity of {0} must be between 1 and {1}.", thrown.Keys);
        Assert.Contains("A payment for earnings up to {0} is dated {1:yyyy-MM-dd} or later.", thrown.Keys);
        var missing = thrown.Where(t => !russian.ContainsKey(t.Key)).Select(t => $"{t.Key}   (in {t.Value})").ToList();
        Assert.True(missing.Count == 0, "No Russian in RuleMessages.ru.resx for:\n" + string.Join("\n", missing));
        var holesDiffer = thrown.Keys.Where(t => !Holes(t).SetEquals(Holes(russian[t])) || !Formats(russian[t], Holes(t).Count)).ToList();
        Assert.True(holesDiffer.Count == 0, "The Russian does not fill the same holes as the English:\n" + string.Join("\n", holesDiffer));
    }

    [Fact]
    public void The_scan_reads_templates_exactly_as_the_compiler_writes_them()
    {
        var thrown = Templates();
        var samples = new List<string>
        {
            Refusal(() => TypedNumber.Parse("1,250", CultureInfo.GetCultureInfo("en-US"), "price", "Price")).Template,
            Refusal(() => TypedNumber.Parse("12a", CultureInfo.GetCultureInfo("ru-RU"), "price")).Template,
            Refusal(() => Money.FromAmount(1.234m, "price")).Template,
            Refusal(() => Period.Parse("2026-13")).Template,
            new ApiInputException($"The {ApiV1.IdempotencyHeader} header is required, so that a retried request never posts twice.").Template,
        };

        Assert.All(samples, sample => Assert.Contains(sample, thrown.Keys));
    }

    [Theory]
    [MemberData(nameof(FixedTexts))]
    public void Fixed_texts_of_the_api_have_their_Russian(string english)
    {
        Assert.True(Russian("Infrastructure/RuleMessages.ru.resx").ContainsKey(english), english);
    }

    [Fact]
    public void A_typed_number_is_refused_in_natural_Russian_with_Russian_examples()
    {
        var rules = NewRuleMessages();
        var ru = CultureInfo.GetCultureInfo("ru-RU");

        var notANumber = InCulture(ru, () => rules.Text(Refusal(() => TypedNumber.Parse("12a", ru, "price", "Цена"))));
        var ambiguous = InCulture(ru, () => rules.Text(Refusal(() => TypedNumber.Parse("1.250", ru, "price", "Цена"))));
        var tooManyDecimals = InCulture(ru, () => rules.Text(Refusal(() => TypedNumber.ParseMoney("12,505", ru, "price", "Цена"))));

        Assert.Equal("«Цена»: «12a» — не число. Введите цифры и не больше одного десятичного разделителя, например 12,50.", notANumber);
        Assert.Equal("«Цена»: «1.250» можно прочитать двояко (разделитель тысяч или три знака после запятой?). Введите число без разделителей тысяч, например 1250 или 1,25.", ambiguous);
        Assert.Equal("В поле «Цена» больше 2 знаков после запятой.", tooManyDecimals);
    }

    [Fact]
    public void Values_in_a_refusal_read_as_the_pages_show_them()
    {
        var rules = NewRuleMessages();
        var notActive = DomainRuleException.Invalid($"Only Active distributors can sell; this one is {DistributorStatus.Inactive}.");
        var overpaid = DomainRuleException.Conflict($"Distributor #{7} may be paid at most {Money.FromAmount(1250.50m)} now (earned {Money.FromAmount(1250.50m)} up to {Period.Parse("2026-09")}, balance {Money.FromAmount(1250.50m)}, already paid {Money.Zero}); {Money.FromAmount(2000m)} would pay more than is owed.");

        Assert.Equal("Продавать могут только активные дистрибьюторы; статус этого дистрибьютора — «Неактивен».", InCulture(CultureInfo.GetCultureInfo("ru-RU"), () => rules.Text(notActive)));
        Assert.Equal("Only Active distributors can sell; this one is Inactive.", InCulture(CultureInfo.GetCultureInfo("en-US"), () => rules.Text(notActive)));
        var ru = CultureInfo.GetCultureInfo("ru-RU");
        // Amounts as every page shows them: the reader's separators and the installation's symbol where Russian puts it.
        string Rubles(decimal amount) => InCulture(ru, () => new Display(Options.Create(new CurrencyOptions())).Money(amount));
        Assert.EndsWith("€", Rubles(1250.50m));
        Assert.StartsWith("1" + ru.NumberFormat.NumberGroupSeparator + "250,50", Rubles(1250.50m));
        Assert.Equal(
            $"Дистрибьютору №7 сейчас можно выплатить не больше {Rubles(1250.50m)} (начислено {Rubles(1250.50m)} по 2026-09, остаток {Rubles(1250.50m)}, уже выплачено {Rubles(0m)}); выплата {Rubles(2000m)} превысила бы долг.",
            InCulture(ru, () => rules.Text(overpaid)));
        Assert.Equal(
            "Distributor #7 may be paid at most €1,250.50 now (earned €1,250.50 up to 2026-09, balance €1,250.50, already paid €0.00); €2,000.00 would pay more than is owed.",
            InCulture(CultureInfo.GetCultureInfo("en-US"), () => rules.Text(overpaid)));
    }

    [Fact]
    public void A_template_with_escaped_braces_reads_with_single_braces()
    {
        var rules = NewRuleMessages();

        var english = InCulture(CultureInfo.GetCultureInfo("en-US"), () => rules.Text(new ApiInputException($"The body is not a JSON object like {{\"lines\": [{{\"sku\": \"...\", \"quantity\": 1}}], \"reason\": \"...\"}}.")));

        Assert.Equal("The body is not a JSON object like {\"lines\": [{\"sku\": \"...\", \"quantity\": 1}], \"reason\": \"...\"}.", english);
    }

    [Fact]
    public void Every_message_of_Identity_is_described_in_Russian()
    {
        var overridden = typeof(LocalizedIdentityErrorDescriber).GetMethods()
            .Where(m => m.ReturnType == typeof(Microsoft.AspNetCore.Identity.IdentityError) && m.IsVirtual)
            .Where(m => m.DeclaringType != typeof(LocalizedIdentityErrorDescriber))
            .Select(m => m.Name)
            .ToList();
        Assert.True(overridden.Count == 0, "Identity messages left in English: " + string.Join(", ", overridden));

        var factory = LocalizerFactory();
        var describer = new LocalizedIdentityErrorDescriber(new StringLocalizer<LocalizedIdentityErrorDescriber>(factory));
        var ru = CultureInfo.GetCultureInfo("ru-RU");
        Assert.Equal("Пароль должен быть не короче 8 символов.", InCulture(ru, () => describer.PasswordTooShort(8).Description));
        Assert.Equal("Адрес электронной почты «anna@example.com» уже занят.", InCulture(ru, () => describer.DuplicateEmail("anna@example.com").Description));
        Assert.Equal("Это один из самых распространённых паролей, его легко подобрать; выберите другой.", InCulture(ru, () => describer.CommonPassword().Description));
        Assert.Equal("Passwords must be at least 8 characters.", InCulture(CultureInfo.GetCultureInfo("en-US"), () => describer.PasswordTooShort(8).Description));
        Assert.Equal(new Microsoft.AspNetCore.Identity.IdentityErrorDescriber().PasswordTooShort(8).Code, describer.PasswordTooShort(8).Code);
        var english = new Microsoft.AspNetCore.Identity.IdentityErrorDescriber();
        Assert.Equal(english.PasswordRequiresDigit().Description, InCulture(CultureInfo.GetCultureInfo("en-US"), () => describer.PasswordRequiresDigit().Description));
        Assert.Equal(english.InvalidEmail("x").Description, InCulture(CultureInfo.GetCultureInfo("en-US"), () => describer.InvalidEmail("x").Description));
        var all = Russian("Infrastructure/LocalizedIdentityErrorDescriber.ru.resx");
        Assert.Contains(MlmIdentityErrorDescriber.CommonPasswordMessage, all.Keys);
    }

    [Fact]
    public void No_resource_file_has_two_keys_that_differ_only_in_case()
    {
        // The resource compiler keeps one of them, so the other silently reads in English.
        var files = Directory.EnumerateFiles(Path.Combine(Root, "src", "MlmNetwork.Web", "Resources"), "*.resx", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        var clashes = files.SelectMany(f => Russian(Path.GetRelativePath(Path.Combine(Root, "src", "MlmNetwork.Web", "Resources"), f)).Keys
                .GroupBy(k => k, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() > 1)
                .Select(g => $"{Path.GetFileName(f)}: {string.Join(" / ", g)}"))
            .ToList();
        Assert.True(clashes.Count == 0, string.Join("\n", clashes));
    }

    internal static RuleMessages NewRuleMessages()
    {
        var factory = LocalizerFactory();
        return new RuleMessages(new StringLocalizer<RuleMessages>(factory), new StringLocalizer<SharedResource>(factory), new Display(Options.Create(new CurrencyOptions())));
    }

    private static ResourceManagerStringLocalizerFactory LocalizerFactory() =>
        new(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);

    private static T InCulture<T>(CultureInfo culture, Func<T> read)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }

    private static DomainRuleException Refusal(Action act) => Assert.Throws<DomainRuleException>(act);

    /// <summary>Each refusal template in src/ with the file it is in.</summary>
    internal static Dictionary<string, string> Templates()
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            var name = Path.GetRelativePath(Root, file);
            foreach (Match call in RefusalCall().Matches(source))
            {
                var at = call.Index + call.Length;
                while (char.IsWhiteSpace(source[at]))
                {
                    at++;
                }

                if (source[at] == '$' && source[at + 1] == '"')
                {
                    found.TryAdd(Template(source, at + 2), name);
                }
                else if (!KnownNonLiterals.Any(k => source.AsSpan(at).StartsWith(k, StringComparison.Ordinal)))
                {
                    unreadable.Add($"{name}: {source.Substring(call.Index, Math.Min(120, source.Length - call.Index))}");
                }
            }
        }

        // A refusal whose message is not an interpolated literal cannot be checked here: write it as one.
        Assert.True(unreadable.Count == 0, "Refusals that are not $\"...\" literals:\n" + string.Join("\n", unreadable));
        return found;
    }

    /// <summary>Messages that are not templates: Identity's own descriptions, already in the reader's language.</summary>
    private static readonly string[] KnownNonLiterals = ["string.Join(\" \", created.Errors.Select(e => e.Description))"];

    /// <summary>The composite-format string the compiler makes of the interpolated literal starting at <paramref name="at"/> (after its <c>$"</c>).</summary>
    private static string Template(string source, int at)
    {
        var text = new StringBuilder();
        var hole = 0;
        for (var i = at; ;)
        {
            var c = source[i];
            if (c == '"')
            {
                return text.ToString();
            }

            if (c == '\\')
            {
                text.Append(source[i + 1] switch { 'n' => '\n', 't' => '\t', var other => other });
                i += 2;
            }
            else if (c == '{' && source[i + 1] == '{')
            {
                text.Append("{{");
                i += 2;
            }
            else if (c == '}' && source[i + 1] == '}')
            {
                text.Append("}}");
                i += 2;
            }
            else if (c == '{')
            {
                var (end, alignment, format) = HoleEnd(source, i + 1);
                text.Append('{').Append(hole++.ToString(CultureInfo.InvariantCulture));
                if (alignment is not null)
                {
                    text.Append(',').Append(alignment);
                }

                if (format is not null)
                {
                    text.Append(':').Append(format);
                }

                text.Append('}');
                i = end + 1;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }
    }

    /// <summary>Where the hole starting at <paramref name="at"/> closes, skipping nested brackets and strings; its alignment and format.</summary>
    private static (int End, string? Alignment, string? Format) HoleEnd(string source, int at)
    {
        var depth = 0;
        string? alignment = null;
        for (var j = at; ; j++)
        {
            var d = source[j];
            if (d is '"' or '\'')
            {
                for (j++; source[j] != d; j++)
                {
                    if (source[j] == '\\')
                    {
                        j++;
                    }
                }
            }
            else if (d is '(' or '[' or '{')
            {
                depth++;
            }
            else if (d is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    return (j, alignment, null);
                }

                depth--;
            }
            else if (d == ',' && depth == 0)
            {
                var close = source.IndexOfAny([':', '}'], j);
                alignment = source[(j + 1)..close].Trim();
                j = close - 1;
            }
            else if (d == ':' && depth == 0)
            {
                var close = source.IndexOf('}', j);
                return (close, alignment, source[(j + 1)..close]);
            }
        }
    }

    internal static Dictionary<string, string> Russian(string resource) =>
        XDocument.Load(Path.Combine(Root, "src", "MlmNetwork.Web", "Resources", resource)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? string.Empty, StringComparer.Ordinal);

    private static HashSet<int> Holes(string template) =>
        [.. Hole().Matches(template.Replace("{{", string.Empty, StringComparison.Ordinal)).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    private static bool Formats(string translation, int holes)
    {
        try
        {
            _ = string.Format(CultureInfo.GetCultureInfo("ru-RU"), translation, [.. Enumerable.Repeat<object>("x", holes)]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MlmNetwork.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository (MlmNetwork.sln) is not above the test's directory.");
    }

    [GeneratedRegex(@"DomainRuleException\.(?:Invalid|Conflict|NotFound)\(|new DomainRuleException\(RuleBreach\.\w+,|new ApiInputException\(|\brules\.Format\(")]
    private static partial Regex RefusalCall();

    [GeneratedRegex(@"\{(\d+)(?:,[^}:]*)?(?::[^}]*)?\}")]
    private static partial Regex Hole();
}
