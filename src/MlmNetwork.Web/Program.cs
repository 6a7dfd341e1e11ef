using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Ledger;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Payouts;
using MlmNetwork.Infrastructure.Periods;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Infrastructure.Security;
using MlmNetwork.Infrastructure.Seeding;
using MlmNetwork.Infrastructure.Simulator;
using MlmNetwork.Web.Api;
using MlmNetwork.Web.Infrastructure;
using MlmNetwork.Web.Infrastructure.Mail;
using MlmNetwork.Web.Infrastructure.Notifications;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
if (StartupSettings.Problem(builder.Configuration) is { } settingsProblem)
{
    await Console.Error.WriteLineAsync("MlmNetwork cannot start: " + settingsProblem);
    return 2;
}

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .Enrich.FromLogContext()
    // Written by a background thread, so a request never waits for the console (or the pipe behind it).
    .WriteTo.Async(sink => sink.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)));

var provider = builder.Services.AddMlmDatabase(builder.Configuration);
builder.Services.AddSingleton<BusinessClock>();
builder.Services.Configure<BootstrapOptions>(builder.Configuration.GetSection("Bootstrap"));
builder.Services.AddScoped<EnrollmentService>();
builder.Services.AddScoped<SalePostingService>();
builder.Services.AddScoped<RefundService>();
builder.Services.AddScoped<SaleBatchPosting>();
builder.Services.AddScoped<MlmNetwork.Infrastructure.Customers.CustomerOrders>();
builder.Services.AddScoped<CustomerOrderActions>();
builder.Services.AddScoped<DistributorAdministration>();
builder.Services.AddScoped<PeriodClosingService>();
builder.Services.AddScoped<PayoutRuns>();
builder.Services.AddScoped<LedgerCheck>();
builder.Services.AddScoped<MlmNetwork.Infrastructure.Reports.IncomeDisclosures>();
builder.Services.AddScoped<BootstrapSeeder>();
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddSingleton<TeamVolumeRollup>();
builder.Services.AddSingleton<SaleImports>();
builder.Services.AddHostedService<TeamVolumeRollupService>();
builder.Services.AddSingleton<SimulationRuns>();
builder.Services.AddSingleton<SimulationSignal>();
builder.Services.AddHostedService<SimulationWorker>();
if (builder.Configuration.GetConnectionString("Replica") is { Length: > 0 } && builder.Configuration.GetValue("Replica:CheckLag", true))
{
    builder.Services.AddHostedService<ReplicaLagWorker>();
}
builder.Services.AddMlmMail(builder.Configuration, builder.Environment);
builder.Services.AddScoped<NotificationBell>();
builder.Services.AddSingleton<IdentityMessages>();

builder.Services
    .AddIdentity<ApplicationUser, IdentityRole>(options =>
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 8;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
    })
    .AddEntityFrameworkStores<MlmDbContext>()
    .AddDefaultTokenProviders()
    .AddPasswordValidator<CommonPasswordValidator<ApplicationUser>>()
    .AddErrorDescriber<LocalizedIdentityErrorDescriber>();
builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
builder.Services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/Account/Login";
    options.LogoutPath = "/Account/Logout";
    options.AccessDeniedPath = "/Account/AccessDenied";
    options.Cookie.Name = "mlm.auth";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.SlidingExpiration = true;
    // Logging out and terminating a distributor end their sessions at once, copied cookies too:
    // every request compares the cookie's security stamp and the status (one indexed lookup),
    // on top of Identity's periodic refresh of the claims.
    options.Events.OnValidatePrincipal = async context =>
    {
        if (context.HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            // Showing the error page of a failed request: no database work (it may be what failed).
            context.RejectPrincipal();
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
        var stampClaim = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && !await context.HttpContext.RequestServices.GetRequiredService<MlmDbContext>()
                .SessionStandsAsync(context.HttpContext, userId, context.Principal.FindFirstValue(stampClaim), context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    };
});
builder.Services.AddAuthentication()
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
    .AddPolicy(Policies.Distributor, p => p.RequireRole(Roles.Distributor))
    .AddPolicy(Policies.Api, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
builder.Services.AddDataProtection().SetApplicationName("MlmNetwork").PersistKeysToDbContext<MlmDbContext>();

builder.Services.AddMlmRateLimits(builder.Configuration);
builder.Services.AddSingleton<PublicLinks>();
builder.Services.AddSingleton<SessionQuery>();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.Configure<ForwardedHeadersOptions>(options => TrustedProxies.Configure(options, builder.Configuration));

// Amounts are read and shown in the reader's culture (English or Russian), chosen from the
// browser's Accept-Language or the culture cookie.
// Pages, messages and e-mails in both: the English text is the key, Russian is in Resources/.
builder.Services.Configure<RequestLocalizationOptions>(options =>
{
    options.SetDefaultCulture(Languages.Cultures[0]).AddSupportedCultures(Languages.Cultures).AddSupportedUICultures(Languages.Cultures);
    // The culture cookie (the layout's switch, set from the profile at login) over the browser's Accept-Language.
    options.RequestCultureProviders = [new CookieRequestCultureProvider(), new CustomRequestCultureProvider(Languages.FromAcceptLanguageAsync)];
});
builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
builder.Services.Configure<CurrencyOptions>(builder.Configuration.GetSection("Currency"));
builder.Services.AddSingleton<Display>();
builder.Services.AddSingleton<RuleMessages>();
builder.Services.AddSingleton<SafeMarkdown>();
builder.Services.AddSingleton<TemplateText>();
builder.Services.AddSingleton<AuditDisplay>();
builder.Services.AddSingleton<PlanFormReader>();

// Problem titles in the request's language (details are written in it where they are made).
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemExceptionHandler.Localize);
// A body or parameter the framework cannot read throws in every environment (not only in
// Development), so ProblemExceptionHandler answers it with a problem that says what is wrong.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddHealthChecks().AddCheck<DatabaseWriteCheck>("database");
builder.Services.AddOpenApi("v1", options => options
    .AddDocumentTransformer<ApiDocumentTransformer>()
    .AddOperationTransformer<ApiOperationTransformer>()
    .AddSchemaTransformer<ApiSchemaTransformer>());
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false));
    o.SerializerOptions.Converters.Add(new TextWithoutControlCharacters());
    // A number is a JSON number: "1" for a quantity or "12.50" for a price is refused, not guessed.
    o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
});
builder.Services.AddRazorPages(options =>
{
    options.Conventions.ConfigureFilter(new RefuseUnmatchedHandlers());
    options.Conventions.ConfigureFilter(new RefuseControlCharacters());
    options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
    options.Conventions.AuthorizeFolder("/Dashboard", Policies.Distributor);
    options.Conventions.AuthorizeFolder("/Sales", Policies.Distributor);
    options.Conventions.AuthorizeFolder("/Commissions", Policies.Distributor);
    options.Conventions.AuthorizeFolder("/Statements", Policies.Distributor);
    options.Conventions.AuthorizeFolder("/Genealogy", Policies.Distributor);
    options.Conventions.AuthorizeFolder("/Lines");
    options.Conventions.AuthorizeFolder("/Training", Policies.Distributor);
    options.Conventions.AuthorizeFolder("/Team", Policies.Distributor);
    options.Conventions.AuthorizeFolder("/Customers", Policies.Distributor);
    options.Conventions.AuthorizePage("/Terms/Accept", Policies.Distributor);
    options.Conventions.ConfigureFilter(new TypeFilterAttribute(typeof(TermsGate)));
    options.Conventions.AuthorizeFolder("/Notifications", Policies.Distributor);
    options.Conventions.AuthorizePage("/Account/Profile");
    options.Conventions.AuthorizePage("/Account/Password");
    options.Conventions.AuthorizePage("/Account/Email");
})
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(MlmNetwork.Web.SharedResource)))
    .AddMvcOptions(options => options.ModelBinderProviders.Insert(0, new StrictModelBinderProvider()));
builder.Services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedBindingMessages>();

var app = builder.Build();

// The client's address and scheme from a trusted proxy first, so the log and the rate limits see the real client.
app.UseForwardedHeaders();
// Outermost after that, so the request log shows the status the client got (after a refused rule became a 409/422).
app.UseSerilogRequestLogging(options => options.GetLevel = (http, _, error) =>
    error is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
    // The proxy's health checks, several a second, would drown the log: kept at the lowest level.
    : http.Request.Path == "/health" && http.Response.StatusCode == 200 ? Serilog.Events.LogEventLevel.Verbose
    : Serilog.Events.LogEventLevel.Information);
app.UseSecurityHeaders();
// The reader's language first, so error pages and the API's problem responses are in it too.
app.UseRequestLocalization();
// The API answers errors with problem JSON; people get an HTML page in the layout (Pages/Error).
app.UseWhen(http => http.Request.IsApi(), api =>
{
    api.UseExceptionHandler();
    api.UseStatusCodePages();
});
app.UseWhen(http => !http.Request.IsApi(), pages =>
{
    // A scope of its own: the failed request's scoped services (its cached sign-in check) are not reused.
    pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", StatusCodeSelector = ExceptionStatus.For, CreateScopeForErrors = true });
    pages.UseStatusCodePagesWithReExecute("/Error/{0}");
});
app.UseRefuseControlCharactersInUrl();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseStaticFiles();
// Swagger UI's own files for the API reference page (Pages/ApiReference), embedded in its package.
app.UseSwaggerUI(options =>
{
    options.RoutePrefix = MlmNetwork.Web.Pages.ApiReference.IndexModel.AssetsPath;
    options.SwaggerEndpoint(MlmNetwork.Web.Pages.ApiReference.IndexModel.DocumentUrl, "MlmNetwork API v1");
    options.DocumentTitle = "MlmNetwork API";
});
app.UseRouting();
// Before authentication: a call with a wrong API key is counted (and refused) before it costs a database look-up.
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
// Last before the endpoints, so a read that met a replica gone away runs again without the steps above.
app.UseReadRetryAfterReplicaLoss();

app.MapHealthChecks("/health");
app.MapOpenApi("/openapi/{documentName}.json");
app.MapApiV1();
app.MapReferralQr();
app.MapReferralSharing();
app.MapBareBenchmarkEndpoints();
app.MapRazorPages();

var demo = DatabaseStartup.DemoWanted(app.Configuration, provider, app.Environment);
try
{
    await app.Services.PrepareDatabaseAsync(provider, demo);
}
catch (Exception e) when (DatabaseStartup.ExplainStartFailure(e, provider, app.Configuration) is { } explained)
{
    app.Logger.LogCritical("MlmNetwork cannot start: {Problem}", explained);
    await app.DisposeAsync();
    return 3;
}

if (args.Contains("check-ledger"))
{
    return await LedgerCommand.RunAsync(app.Services);
}

app.Lifetime.ApplicationStarted.Register(() => LogWelcome(app, provider, demo));
await app.RunAsync();
return 0;

static void LogWelcome(WebApplication app, DatabaseProvider provider, bool demo)
{
    var urls = string.Join(", ", app.Urls);
    app.Logger.LogInformation("MlmNetwork is running at {Urls} on {DatabaseProvider}", urls, provider);
    if (PublicLinks.Read(app.Configuration["App:PublicBaseUrl"]) is null && app.Environment.IsProduction())
    {
        app.Logger.LogWarning("App__PublicBaseUrl is not set: referral links and QR codes use the address each request came in on. Set it (and AllowedHosts) to the public https address.");
    }

    if (demo)
    {
        app.Logger.LogInformation(
            "Demo logins (password {DemoPassword}): admin {AdminEmail}, leader {LeaderEmail}, recruit {RecruitEmail}",
            DemoSeeder.DemoPassword, DemoSeeder.AdminEmail, DemoSeeder.LeaderEmail, DemoSeeder.RecruitEmail);
    }
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
