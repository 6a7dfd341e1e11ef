using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Catalog;
using MlmNetwork.Infrastructure.Ledger;
using MlmNetwork.Infrastructure.Network;
using MlmNetwork.Infrastructure.Payouts;
using MlmNetwork.Infrastructure.Periods;
using MlmNetwork.Infrastructure.Plans;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Web.Infrastructure;

namespace MlmNetwork.Web.Api;

/// <summary>The public JSON API under /api/v1 (PRODUCT.md), for integrations holding an API key.</summary>
public static class ApiV1
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void MapApiV1(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1")
            .RequireAuthorization(Policies.Api)
            .RequireRateLimiting(Policies.ApiLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/products", CreateProductAsync).ProducesProblem(409).ProducesProblem(422)
            .Describe("Products", "Add a product", "Adds a product to the catalogue. The commission base (the part of the price commissions are computed on) is the price when left out. A SKU that exists already is a 409.")
            .Example("""{"sku": "VIT-C", "name": "Vitamin C, 90 tablets", "price": 19.99, "commissionBase": 15.00}""");
        api.MapGet("/products", ListProductsAsync)
            .Describe("Products", "List products", "Every product, by SKU, with its price, commission base and whether it is for sale.");
        api.MapPut("/commission-plan", SavePlanAsync).ProducesProblem(422)
            .Describe("Commission plan", "Save a new plan version", "Saves the next version of the commission plan, in force from now or from a later `effectiveFrom`. A sale is always paid under the version in force when it was made; versions already in force never change.")
            .Example("""{"personalPercent": 10, "levels": [5, 3, 2], "compression": false, "minPersonalVolume": 20.00, "minCustomerShare": 70, "forfeitBelowCustomerShare": false}""");
        api.MapGet("/commission-plan", GetPlanAsync).ProducesProblem(404)
            .Describe("Commission plan", "Get the plan in force", "The commission plan version in force now; 404 before any plan is set up.");
        api.MapDelete("/commission-plan/versions/{version:int}", WithdrawPlanVersionAsync).ProducesProblem(404).ProducesProblem(409)
            .Describe("Commission plan", "Withdraw a scheduled plan version", "Withdraws the newest version while it is only scheduled (not yet in force); answers the version in force. A version in force is a 409. An optional `reason` query parameter goes to the audit log.");
        api.MapPost("/distributors", CreateDistributorAsync).ProducesProblem(409).ProducesProblem(422)
            .Describe("Distributors", "Enrol a distributor", "Places a new distributor under the sponsor their referral code names (directly under the company without one). Joining pays nobody. A known e-mail is a 409; an unknown referral code a 422.")
            .Example("""{"email": "ivan.petrov@example.com", "name": "Иван Петров", "sponsorReferralCode": "K7M2QX9P"}""");
        api.MapGet("/distributors/{id:long}", GetDistributorAsync).ProducesProblem(404)
            .Describe("Distributors", "Get a distributor", "One distributor: e-mail, name, referral code, sponsor and status.");
        api.MapGet("/distributors/{id:long}/commissions", GetCommissionsAsync).ProducesProblem(404)
            .Describe("Distributors", "Get a distributor's balance and ledger lines", "The balance (every ledger line minus every payout), what was earned and paid, and the ledger lines newest first, `pageSize` (1 to 1,000, default 100) at a time by `page`.");
        api.MapGet("/distributors/{id:long}/upline", GetUplineAsync).ProducesProblem(404)
            .Describe("Distributors", "Get a distributor's upline", "The whole upline, nearest first: the sponsor (level 1), the sponsor's sponsor, and so on up to the company.");
        api.MapPut("/distributors/{id:long}/status", SetStatusAsync).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .Describe("Distributors", "Change a distributor's status", "Active, Inactive or Terminated. Only Active distributors earn and sell; termination is final (a 409 after it) and ends the distributor's sessions.")
            .Example("""{"status": "Inactive", "reason": "Asked to pause for the summer"}""");
        api.MapPost("/sales", PostSaleAsync).ProducesProblem(409).ProducesProblem(422)
            .Describe("Sales", "Post a sale", "Posts a sale by an Active distributor and its commission lines, all or nothing, exactly once: the same `Idempotency-Key` with the same body answers the first sale again (with the header `Idempotent-Replayed: true`); with another body it is a 422. Every sale is either to one of the seller's customers (`customerId`) or for the seller's personal use (`\"personalUse\": true`); both is a 422, and a sale with neither is recorded as personal use, as it was before sales had a kind. The answer says which (`customerId`, `personalUse`).")
            .Idempotent("Required. Your unique key for this sale (an order number, a UUID), 1 to 100 characters: a retry with the same key and body never posts a second sale.")
            .Example("""{"distributorId": 42, "lines": [{"sku": "VIT-C", "quantity": 3}, {"sku": "OMEGA-3", "quantity": 1}], "externalId": "SHOP-10045", "customerId": 7}""");
        api.MapPost("/sales/batch", PostBatchAsync).ProducesProblem(409).ProducesProblem(422)
            .Describe("Sales", "Post many sales at once", "Up to 10,000 sales posted whole or not at all; a bad row refuses the batch with an error per row (a 422 whose `errors` list the rows). A sale whose own idempotency key was posted before is not posted again.")
            .Idempotent("Required. Your unique key for this batch, 1 to 100 characters: the same batch sent again is posted once.")
            .Example("""{"sales": [{"distributorId": 42, "lines": [{"sku": "VIT-C", "quantity": 2}], "externalId": "SHOP-10046"}, {"distributorId": 57, "lines": [{"sku": "TEA-GRN", "quantity": 5}], "personalUse": true}]}""");
        api.MapPost("/sales/{id:long}/refund", RefundSaleAsync).Accepts<RefundInput>(isOptional: true, "application/json").ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .Describe("Sales", "Refund a sale, whole or in part", "Without a body (or without `lines`) refunds everything that remains of the sale; with `lines`, only those quantities. Every commission line gets a reversing line for its part, so a sale refunded in full nets to zero for everybody. A sale already refunded in full is a 409.")
            .Idempotent("Required. Your unique key for this refund, 1 to 100 characters: a retry with the same key and body never refunds twice.")
            .Example("""{"lines": [{"sku": "VIT-C", "quantity": 1}], "reason": "Damaged in transit"}""");
        api.MapPost("/periods/{period}/close", ClosePeriodAsync).ProducesProblem(409).ProducesProblem(422)
            .Describe("Periods", "Close a month", "Closes a calendar month (`period` as yyyy-MM, UTC): forfeits the lines of those below the plan's minimum personal volume, locks the month, and answers every distributor's statement of it. A month closed already is a 409; the current month or one in the future a 422.");
        api.MapPost("/payout-runs", ProposePayoutRunAsync).ProducesProblem(409).ProducesProblem(422)
            .Describe("Payout runs", "Propose a payout run", "Proposes paying every balance earned up to a closed month (`upTo`, yyyy-MM) that reaches the minimum payout. Only one run may be open at a time (a 409).")
            .Example("""{"upTo": "2026-10"}""");
        api.MapGet("/payout-runs/{id:long}", GetPayoutRunAsync).ProducesProblem(404)
            .Describe("Payout runs", "Get a payout run", "A payout run with what it pays whom and its status (Proposed, Confirmed or Cancelled).");
        api.MapPost("/payout-runs/{id:long}/confirm", ConfirmPayoutRunAsync).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .Describe("Payout runs", "Confirm a payout run as paid", "Records the run as paid on `paidOn` with the bank's `reference`: its payouts are written and never paid again.")
            .Example("""{"paidOn": "2026-11-05", "reference": "BANK-2026-11-05-001"}""");
        api.MapPost("/payout-runs/{id:long}/cancel", CancelPayoutRunAsync).ProducesProblem(404).ProducesProblem(409)
            .Describe("Payout runs", "Cancel a payout run", "Cancels a proposed run as a whole: nothing is paid and the balances carry over. The body is optional.")
            .Example("""{"reason": "Wrong month"}""");
        ApiV1Lists.MapLists(api);
        ApiV1Reports.MapReports(api);
    }

    private static async Task<Created<ProductDto>> CreateProductAsync(ProductInput input, MlmDbContext db, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        var details = new ProductDetails(
            Required.Text(input.Sku, "sku"),
            Required.Text(input.Name, "name"),
            Required.Value(input.Price, "price"),
            input.CommissionBase);
        var product = await ProductCatalog.CreateAsync(db, details, http.User.Actor(), clock.UtcNow, ct);
        return TypedResults.Created($"/api/v1/products/{product.Id}", ProductDto.From(product));
    }

    private static async Task<Ok<List<ProductDto>>> ListProductsAsync(MlmDbContext db, CancellationToken ct)
    {
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Sku).ToListAsync(ct);
        return TypedResults.Ok(products.Select(ProductDto.From).ToList());
    }

    private static async Task<Ok<CommissionPlanDto>> SavePlanAsync(CommissionPlanInput input, MlmDbContext db, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        var plan = await CommissionPlans.SaveNewVersionAsync(
            db,
            Required.Value(input.PersonalPercent, "personalPercent"),
            input.Levels ?? throw DomainRuleException.Invalid($"levels is required.", "levels"),
            input.Compression ?? false,
            input.MinPersonalVolume ?? 0m,
            input.MinCustomerShare,
            input.ForfeitBelowCustomerShare ?? false,
            Instant(input.EffectiveFrom, "effectiveFrom"),
            http.User.Actor(),
            clock.UtcNow,
            ct);
        return TypedResults.Ok(CommissionPlanDto.From(plan));
    }

    private static readonly string[] InstantFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    /// <summary>An ISO 8601 date-time as a UTC instant (UTC when it names no offset); null when absent; anything else is refused (422).</summary>
    private static DateTime? Instant(string? text, string field)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text.Trim(), InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.UtcDateTime;
        }

        var shown = text.Length > 40 ? text[..40] + "…" : text;
        throw DomainRuleException.Invalid($"{field}: '{shown}' is not an ISO 8601 date-time such as 2026-12-01T00:00:00Z.", field);
    }

    private static async Task<Results<Ok<CommissionPlanDto>, ProblemHttpResult>> GetPlanAsync(MlmDbContext db, BusinessClock clock, CancellationToken ct)
    {
        var plan = await CommissionPlans.InForceAtAsync(db, clock.UtcNow, ct);
        return plan is null
            ? throw DomainRuleException.NotFound($"No commission plan has been set up yet.")
            : TypedResults.Ok(CommissionPlanDto.From(plan));
    }

    /// <summary>Withdraws the newest version while it is only scheduled; answers the version in force.</summary>
    private static async Task<Results<Ok<CommissionPlanDto>, ProblemHttpResult>> WithdrawPlanVersionAsync(int version, MlmDbContext db, BusinessClock clock, HttpContext http, CancellationToken ct)
    {
        if (!await db.CommissionPlans.AnyAsync(p => p.Version == version, ct))
        {
            throw DomainRuleException.NotFound($"No plan version {version}.");
        }

        await CommissionPlans.WithdrawScheduledAsync(db, version, http.User.Actor(), http.Request.Query["reason"], clock.UtcNow, ct);
        return await GetPlanAsync(db, clock, ct);
    }

    private static async Task<Created<DistributorDto>> CreateDistributorAsync(DistributorInput input, EnrollmentService enrollment, CancellationToken ct)
    {
        var distributor = await enrollment.EnrollAsync(
            new Enrolment(Required.Text(input.Name, "name"), Required.Text(input.Email, "email"), input.SponsorReferralCode),
            password: null,
            ct);
        return TypedResults.Created($"/api/v1/distributors/{distributor.Id}", DistributorDto.From(distributor));
    }

    private static async Task<Results<Ok<DistributorDto>, ProblemHttpResult>> GetDistributorAsync(long id, MlmDbContext db, CancellationToken ct)
    {
        var distributor = await db.Distributors.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        return distributor is null ? NotFound("distributor", id) : TypedResults.Ok(DistributorDto.From(distributor));
    }

    /// <summary>The whole upline, nearest first, in one recursive query however deep the chain.</summary>
    private static async Task<Results<Ok<List<UplineDto>>, ProblemHttpResult>> GetUplineAsync(long id, ReadDb reads, CancellationToken ct)
    {
        var chain = await reads.FoundAsync(async from => await NetworkSql.FullUplineAsync(from, id, ct) is { Count: > 0 } found ? found : null);
        return chain is null
            ? NotFound("distributor", id)
            : TypedResults.Ok(chain.Skip(1).Select(m => new UplineDto(m.DistributorId, m.Distance, m.Status, m.IsHouse)).ToList());
    }

    private static async Task<Results<Ok<CommissionsDto>, ProblemHttpResult>> GetCommissionsAsync(long id, MlmDbContext db, CancellationToken ct, int page = 1, int pageSize = 100)
    {
        if (!await db.Distributors.AnyAsync(d => d.Id == id, ct))
        {
            return NotFound("distributor", id);
        }

        page = Pager.Clamp(page);
        pageSize = Math.Clamp(pageSize, 1, 1000);
        var balance = await Balance.OfAsync(db, id, ct);
        var lines = await db.CommissionLines.AsNoTracking()
            .Where(l => l.BeneficiaryId == id)
            .OrderByDescending(l => l.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize + 1)
            .ToListAsync(ct);
        var shown = lines.Take(pageSize)
            .Select(LedgerLineDto.From)
            .ToList();
        return TypedResults.Ok(new CommissionsDto(balance.Amount.Amount, balance.Earned.Amount, balance.Paid.Amount, shown, page, pageSize, lines.Count > pageSize));
    }

    private static async Task<Created<SaleDto>> PostSaleAsync(
        SaleInput input,
        HttpContext http,
        SalePostingService sales,
        CancellationToken ct)
    {
        var key = IdempotencyKey(http);
        var lines = (input.Lines ?? throw DomainRuleException.Invalid($"lines is required.", "lines"))
            .Select((l, i) => new SaleRequestLine(
                Required.Text(l?.Sku, $"lines[{i}].sku"),
                Required.Value(l?.Quantity, $"lines[{i}].quantity")))
            .ToList();
        var request = new SaleRequest(Required.Value(input.DistributorId, "distributorId"), lines, input.ExternalId, key, SaleKindText.CustomerOf(input.CustomerId, input.PersonalUse, "customerId"));
        var posted = await sales.PostAsync(request, ct);
        var dto = SaleDto.From(posted.Sale);
        if (posted.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return TypedResults.Created($"/api/v1/sales/{dto.Id}", dto);
    }

    private static async Task<Ok<DistributorDto>> SetStatusAsync(long id, StatusInput input, DistributorAdministration administration, HttpContext http, CancellationToken ct)
    {
        var text = Required.Text(input.Status, "status");
        var status = Enum.GetNames<DistributorStatus>().Contains(text, StringComparer.Ordinal)
            ? Enum.Parse<DistributorStatus>(text)
            : throw DomainRuleException.Invalid($"status must be exactly one of Active, Inactive or Terminated.", "status");
        var distributor = await administration.ChangeStatusAsync(id, status, input.Reason, http.User.Actor(), ct);
        return TypedResults.Ok(DistributorDto.From(distributor));
    }

    /// <summary>Many sales in one request, posted whole or not at all; the Idempotency-Key names the batch.</summary>
    private static async Task<Created<BatchDto>> PostBatchAsync(BatchInput input, HttpContext http, SaleBatchPosting batches, CancellationToken ct)
    {
        var rows = input.Sales ?? throw DomainRuleException.Invalid($"sales is required.", "sales");
        if (rows.Count > MaxBatchSales)
        {
            throw DomainRuleException.Invalid($"A batch holds at most {MaxBatchSales} sales; send more batches.", "sales");
        }

        var sales = rows.Select((s, i) => new BatchSale(
            Required.Value(s?.DistributorId, $"sales[{i}].distributorId"),
            [.. (s!.Lines ?? []).Select((l, j) => new SaleRequestLine(Required.Text(l?.Sku, $"sales[{i}].lines[{j}].sku"), Required.Value(l?.Quantity, $"sales[{i}].lines[{j}].quantity")))],
            s.ExternalId,
            s.IdempotencyKey,
            SaleKindText.CustomerOf(s.CustomerId, s.PersonalUse, $"sales[{i}].customerId"))).ToList();
        var outcome = await batches.PostAsync(IdempotencyKey(http), sales, null, ct);
        if (outcome.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return TypedResults.Created($"/api/v1/sales/batch/{Uri.EscapeDataString(outcome.BatchKey)}", new BatchDto(outcome.BatchKey, outcome.SaleCount, outcome.LineCount, outcome.TotalBase.Amount));
    }

    public const int MaxBatchSales = 10_000;

    private static async Task<Ok<RefundDto>> RefundSaleAsync(long id, HttpContext http, RefundService refunds, CancellationToken ct)
    {
        var key = IdempotencyKey(http);
        var input = await OptionalRefundAsync(http, ct);
        var parts = input?.Lines?.Select((l, i) => new RefundPart(Required.Text(l?.Sku, $"lines[{i}].sku"), Required.Value(l?.Quantity, $"lines[{i}].quantity"))).ToList();
        if (parts is { Count: > Sale.MaxLines })
        {
            throw DomainRuleException.Invalid($"A refund names at most {Sale.MaxLines} lines.", "lines");
        }

        var refunded = await refunds.RefundAsync(id, key, parts, http.User.Actor(), input?.Reason, ct);
        if (refunded.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return TypedResults.Ok(RefundDto.From(refunded));
    }

    private static async Task<Ok<List<StatementDto>>> ClosePeriodAsync(string period, PeriodClosingService closing, MlmDbContext db, HttpContext http, CancellationToken ct)
    {
        var closed = await closing.CloseAsync(Period.Parse(period), http.User.Actor(), ct);
        var statements = await db.Statements.AsNoTracking().Where(s => s.PeriodKey == closed.Key).OrderBy(s => s.DistributorId).ToListAsync(ct);
        return TypedResults.Ok(statements.Select(StatementDto.From).ToList());
    }

    private static async Task<Created<PayoutRunDto>> ProposePayoutRunAsync(PayoutRunInput input, PayoutRuns runs, MlmDbContext db, HttpContext http, CancellationToken ct)
    {
        var run = await runs.ProposeAsync(Period.Parse(Required.Text(input.UpTo, "upTo")), http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/payout-runs/{run.Id}", await PayoutRunDto.LoadAsync(db, run.Id, ct));
    }

    private static async Task<Results<Ok<PayoutRunDto>, ProblemHttpResult>> GetPayoutRunAsync(long id, MlmDbContext db, CancellationToken ct) =>
        await db.PayoutRuns.AnyAsync(r => r.Id == id, ct) ? TypedResults.Ok(await PayoutRunDto.LoadAsync(db, id, ct)) : NotFound("payout run", id);

    private static async Task<Results<Ok<PayoutRunDto>, ProblemHttpResult>> ConfirmPayoutRunAsync(long id, PayoutRunConfirmInput input, PayoutRuns runs, MlmDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!await db.PayoutRuns.AnyAsync(r => r.Id == id, ct))
        {
            return NotFound("payout run", id);
        }

        await runs.ConfirmAsync(id, Required.Value(input.PaidOn, "paidOn"), Required.Text(input.Reference, "reference"), http.User.Actor(), ct);
        return TypedResults.Ok(await PayoutRunDto.LoadAsync(db, id, ct));
    }

    private static async Task<Results<Ok<PayoutRunDto>, ProblemHttpResult>> CancelPayoutRunAsync(long id, PayoutRunCancelInput? input, PayoutRuns runs, MlmDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!await db.PayoutRuns.AnyAsync(r => r.Id == id, ct))
        {
            return NotFound("payout run", id);
        }

        await runs.CancelAsync(id, http.User.Actor(), input?.Reason, ct);
        return TypedResults.Ok(await PayoutRunDto.LoadAsync(db, id, ct));
    }

    /// <summary>The body is optional: <c>{"reason": "..."}</c> for the audit log, or nothing.</summary>
    /// <summary>
    /// The optional refund body: no body (or no "lines") refunds everything left; a "lines" that
    /// is present must name at least one line, so a list that came out empty never refunds a whole sale.
    /// </summary>
    private static async Task<RefundInput?> OptionalRefundAsync(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType() || http.Request.ContentLength == 0)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { AllowDuplicateProperties = false }, ct);
        }
        catch (JsonException e)
        {
            throw new ApiInputException($"The body is not a JSON object like {{\"lines\": [{{\"sku\": \"...\", \"quantity\": 1}}], \"reason\": \"...\"}}: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ApiInputException($"The body is not a JSON object like {{\"lines\": [{{\"sku\": \"...\", \"quantity\": 1}}], \"reason\": \"...\"}}.");
            }

            if (document.RootElement.TryGetProperty("lines", out var lines) && (lines.ValueKind != JsonValueKind.Array || lines.GetArrayLength() == 0))
            {
                throw DomainRuleException.Invalid($"lines names no line: leave \"lines\" out to refund everything that is left, or name the quantities to refund.", "lines");
            }

            try
            {
                return document.RootElement.Deserialize<RefundInput>(http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
            }
            catch (JsonException e)
            {
                throw new ApiInputException($"The refund body could not be read: {e.Message}");
            }
        }
    }

    private static string IdempotencyKey(HttpContext http)
    {
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ApiInputException($"The {IdempotencyHeader} header is required, so that a retried request never posts twice.");
        }

        if (key.Length > Sale.IdempotencyKeyMaxLength)
        {
            throw new ApiInputException($"The {IdempotencyHeader} header is longer than {Sale.IdempotencyKeyMaxLength} characters.");
        }

        if (ControlCharacters.In(key))
        {
            throw new ApiInputException($"The {IdempotencyHeader} header holds control characters (such as NUL), which cannot be accepted.");
        }

        return key;
    }

    /// <summary>
    /// 404 for an id in the URL that names nothing: thrown as a refused rule, so its problem is
    /// written (in the request's language) where every refusal's is.
    /// </summary>
    private static ProblemHttpResult NotFound(string what, long id) => throw (what switch
    {
        "distributor" => DomainRuleException.NotFound($"No distributor has id {id}."),
        "payout run" => DomainRuleException.NotFound($"No payout run has id {id}."),
        "sale" => DomainRuleException.NotFound($"No sale has id {id}."),
        _ => DomainRuleException.NotFound($"Nothing has id {id} here."),
    });
}
