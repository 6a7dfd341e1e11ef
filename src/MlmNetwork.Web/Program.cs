using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Ledger;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Payouts;
using MlmNetwork.Infrastructure.Periods;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Infrastructure.Seeding;
using MlmNetwork.Web.Api;
using MlmNetwork.Web.Infrastructure;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

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
builder.Services.AddScoped<DistributorAdministration>();
builder.Services.AddScoped<PeriodClosingService>();
builder.Services.AddScoped<PayoutRuns>();
builder.Services.AddScoped<LedgerCheck>();
builder.Services.AddScoped<BootstrapSeeder>();
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddSingleton<TeamVolumeRollup>();
builder.Services.AddSingleton<SaleImports>();
builder.Services.AddHostedService<TeamVolumeRollupService>();

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
    .AddDefaultTokenProviders();
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
    // Terminating a distributor ends their sessions at once: every request checks the status
    // (one indexed lookup), on top of Identity's periodic security-stamp check.
    options.Events.OnValidatePrincipal = async context =>
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && await context.HttpContext.RequestServices.GetRequiredService<MlmDbContext>()
                .RememberAsync(context.HttpContext, userId, context.HttpContext.RequestAborted) is { Status: MlmNetwork.Domain.DistributorStatus.Terminated })
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

var limits = builder.Configuration.GetSection("RateLimits");
builder.Services.AddRateLimiter(options =>
{
    options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    options.OnRejected = async (context, ct) =>
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await Results.Problem(title: "Too many requests", detail: "Slow down and try again shortly.", statusCode: 429).ExecuteAsync(context.HttpContext);
    };
    options.AddPolicy(Policies.LoginLimit, http => PerClient(http, limits.GetValue("LoginPerMinute", 10), TimeSpan.FromMinutes(1)));
    options.AddPolicy(Policies.SignUpLimit, http => PerClient(http, limits.GetValue("SignUpPerMinute", 5), TimeSpan.FromMinutes(1)));
    options.AddPolicy(Policies.ApiLimit, http => PerClient(http, limits.GetValue("ApiPerSecond", 2000), TimeSpan.FromSeconds(1)));
});

// Amounts are read and shown in the reader's culture (English or Russian), chosen from the
// browser's Accept-Language or the culture cookie.
builder.Services.Configure<RequestLocalizationOptions>(options =>
{
    string[] cultures = ["en-US", "ru-RU"];
    options.SetDefaultCulture(cultures[0]).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
});

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddHealthChecks().AddDbContextCheck<MlmDbContext>("database");
builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer<ApiDocumentTransformer>());
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
    options.Conventions.AuthorizeFolder("/Dashboard", Policies.Distributor);
    options.Conventions.AuthorizeFolder("/Sales", Policies.Distributor);
    options.Conventions.AuthorizeFolder("/Commissions", Policies.Distributor);
    options.Conventions.AuthorizeFolder("/Statements", Policies.Distributor);
    options.Conventions.AuthorizeFolder("/Genealogy", Policies.Distributor);
    options.Conventions.AuthorizeFolder("/Lines");
});

var app = builder.Build();

// Outermost, so the request log shows the status the client got (after a refused rule became a 409/422).
app.UseSerilogRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealthChecks("/health");
app.MapOpenApi("/openapi/{documentName}.json");
app.MapApiV1();
app.MapReferralQr();
app.MapRazorPages();

await app.Services.PrepareDatabaseAsync(provider, app.Configuration);
if (args.Contains("check-ledger"))
{
    return await LedgerCommand.RunAsync(app.Services);
}

app.Lifetime.ApplicationStarted.Register(() => LogWelcome(app, provider));
await app.RunAsync();
return 0;

static RateLimitPartition<string> PerClient(HttpContext http, int permits, TimeSpan window) =>
    RateLimitPartition.GetFixedWindowLimiter(
        http.Request.Headers[ApiKeyAuthenticationHandler.HeaderName].FirstOrDefault() is { Length: > 0 } key
            ? "key:" + MlmNetwork.Infrastructure.Security.ApiKey.Hash(key)
            : "ip:" + http.Connection.RemoteIpAddress,
        _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0 });

static void LogWelcome(WebApplication app, DatabaseProvider provider)
{
    var urls = string.Join(", ", app.Urls);
    app.Logger.LogInformation("MlmNetwork is running at {Urls} on {DatabaseProvider}", urls, provider);
    if (app.Configuration.GetValue("Seed:Demo", false))
    {
        app.Logger.LogInformation(
            "Demo logins (password {DemoPassword}): admin {AdminEmail}, leader {LeaderEmail}, recruit {RecruitEmail}",
            DemoSeeder.DemoPassword, DemoSeeder.AdminEmail, DemoSeeder.LeaderEmail, DemoSeeder.RecruitEmail);
    }
}

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
