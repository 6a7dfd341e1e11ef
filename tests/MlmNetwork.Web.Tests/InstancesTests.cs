using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using MlmNetwork.Domain;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Sales;
using MlmNetwork.Infrastructure.Simulator;
using MlmNetwork.Web.Infrastructure;
using Npgsql;

namespace MlmNetwork.Web.Tests;

/// <summary>What several app instances on one database share: the cluster locks, and the helpers the tests below use.</summary>
public static class Instances
{
    /// <summary>Another instance of the app on the same database: its own process state (singletons, workers), nothing shared but the database.</summary>
    public static WebApplicationFactory<Program> SecondInstance(this MlmAppFactory app) => app.WithWebHostBuilder(_ => { });

    public static async Task<HttpClient> LoginAsAdminAsync(this WebApplicationFactory<Program> instance, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var browser = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await browser.PostFormAsync("/Account/Login", new() { ["Input.Email"] = MlmAppFactory.AdminEmail, ["Input.Password"] = MlmAppFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (language is not null)
        {
            browser.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        return browser;
    }

    /// <summary>Waits (at most 5 s) until nobody holds the lock: a worker lets it go a moment after it wrote its outcome.</summary>
    public static async Task<bool> FreedAsync(this ClusterLocks locks, long key)
    {
        ArgumentNullException.ThrowIfNull(locks);
        for (var waited = 0; waited < 100; waited++)
        {
            if (!await locks.IsHeldAsync(key, CancellationToken.None))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    public static ClusterLocks Locks(this MlmAppFactory app) => new(app.Services.GetRequiredService<IDbContextFactory<MlmDbContext>>());

    /// <summary>Ends the database session holding an advisory lock, as when the holder's process dies.</summary>
    public static async Task KillHolderAsync(this MlmAppFactory app, long key)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid::bigint = @high AND objid::bigint = @low",
            connection);
        kill.Parameters.AddWithValue("high", key >> 32);
        kill.Parameters.AddWithValue("low", key & 0xFFFFFFFFL);
        Assert.Equal(1L, await kill.ExecuteScalarAsync());
        // The server releases the lock as the session ends, a moment after the signal.
        Assert.True(await app.Locks().FreedAsync(key), "The killed session still holds its lock after 5 s.");
    }
}

public class ClusterLockTests(MlmAppFactory app) : AppTest(app)
{
    private const long TestKey = 0x4D4C4D5445530001; // "MLMTES" 1: no key of the app's

    [Fact]
    public async Task A_second_holder_is_refused_while_the_first_holds_and_gets_the_lock_after_release_or_the_holders_death()
    {
        var locks = App.Locks();
        var first = await locks.TryTakeAsync(TestKey, CancellationToken.None);
        Assert.NotNull(first);
        Assert.True(await locks.IsHeldAsync(TestKey, CancellationToken.None));

        // Another connection (as another instance would) is refused while the first holds it.
        Assert.Null(await App.Locks().TryTakeAsync(TestKey, CancellationToken.None));

        await first.DisposeAsync();
        Assert.False(await locks.IsHeldAsync(TestKey, CancellationToken.None));
        var second = await App.Locks().TryTakeAsync(TestKey, CancellationToken.None);
        Assert.NotNull(second);
        Assert.Null(await locks.TryTakeAsync(TestKey, CancellationToken.None));

        // The holder's process dies: the server ends its session, and the lock is free again.
        await App.KillHolderAsync(TestKey);
        await using var third = await locks.TryTakeAsync(TestKey, CancellationToken.None);
        Assert.NotNull(third);
        // Disposing a holder whose connection is gone does not throw, nor free the new holder's lock.
        await second.DisposeAsync();
        Assert.True(await locks.IsHeldAsync(TestKey, CancellationToken.None));
        Assert.Null(await App.Locks().TryTakeAsync(TestKey, CancellationToken.None));
    }

    [Fact]
    public async Task A_waiting_taker_gets_the_lock_when_the_holder_lets_it_go()
    {
        var locks = App.Locks();
        var first = await locks.TryTakeAsync(TestKey, CancellationToken.None);
        Assert.NotNull(first);

        var waiting = locks.TakeAsync(TestKey, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await first.DisposeAsync();
        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TestKey, second.Key);
        Assert.Null(await App.Locks().TryTakeAsync(TestKey, CancellationToken.None));
    }

    [Fact]
    public async Task An_instance_waits_to_migrate_while_another_migrates()
    {
        var migrating = await App.Locks().TryTakeAsync(LockKeys.Migrations, CancellationToken.None);
        Assert.NotNull(migrating);
        await using var second = App.SecondInstance();

        var starting = Task.Run(() => second.Services);
        await Task.Delay(1000);
        Assert.False(starting.IsCompleted, "The second instance started while the first held the migrations lock.");
        await migrating.DisposeAsync();
        await starting.WaitAsync(TimeSpan.FromSeconds(60));

        // It did its start-up work and answers.
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health")).StatusCode);
        Assert.False(await App.Locks().IsHeldAsync(LockKeys.Migrations, CancellationToken.None));
    }
}

public class SaleImportInstanceTests(MlmAppFactory app) : AppTest(app)
{
    private async Task<(HttpClient Admin, List<JsonElement> Chain)> SetUpAsync()
    {
        App.Clock.Set(new DateTime(2026, 10, 5, 9, 0, 0, DateTimeKind.Utc));
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(3);
        return (await App.LoginAsAdminAsync(), chain);
    }

    [Fact]
    public void A_text_kept_in_the_database_reads_back_in_each_language_as_it_was_written()
    {
        var texts = App.Services.GetRequiredService<TemplateText>();
        var localizer = App.Services.GetRequiredService<IStringLocalizer<SaleImports>>();
        var rule = DomainRuleException.Invalid($"Only Active distributors can sell; this one is {DistributorStatus.Inactive}.", "distributorId");
        FormattableString refused = $" {new Plural(2, "{0:N0} order was refused: download it, fix it and upload it again.|{0:N0} orders were refused: download them, fix them and upload them again.")}";
        FormattableString[] written =
        [
            $"Imported {new Plural(3, "{0:N0} sale|{0:N0} sales")} with {new Plural(5, "{0:N0} commission line|{0:N0} commission lines")} (commission base {new Money(1_234_50)}).{refused}{(FormattableString)$""}",
            $"Line {7} (order {"A-1"}): {rule}",
            $"{42L} {1.5m} {new Percent(1250)} {new Period(2026, 3)} {new DateOnly(2026, 3, 9)} {true} {null} {"{braces}"}",
        ];

        var stored = StoredText.WriteAll(written);
        var read = StoredText.ReadAll(stored);

        Assert.Equal(written.Length, read.Count);
        foreach (var language in new[] { "en-US", "ru-RU" })
        {
            var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            try
            {
                for (var i = 0; i < written.Length; i++)
                {
                    Assert.Equal(texts.Format(localizer, written[i]), texts.Format(localizer, read[i]));
                }

                if (language == "ru-RU")
                {
                    Assert.Equal("Импортировано: 3 продажи, 5 строк начислений (база начисления 1 234,50 €). 2 заказа отклонены: скачайте их, исправьте и загрузите снова.", texts.Format(localizer, read[0]).Replace('\u00A0', ' ').Replace('\u202F', ' '));
                    Assert.Contains("статус этого дистрибьютора — «Неактивен»", texts.Format(localizer, read[1]), StringComparison.Ordinal);
                }
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            }
        }
    }

    [Fact]
    public async Task An_import_started_on_one_instance_is_followed_downloaded_and_read_in_Russian_on_another()
    {
        var (admin, chain) = await SetUpAsync();
        var (_, paused) = await App.SignUpThroughReferralAsync(chain[2].Code(), "Paula Paused", "paula@example.com");
        Assert.Equal(HttpStatusCode.OK, (await App.SetStatusAsync(paused.Id(), "Inactive")).StatusCode);
        await using var second = App.SecondInstance();
        var otherAdmin = await second.LoginAsAdminAsync();
        var csv = $"order_id,distributor_id,sku,quantity\nP-1,{paused.Id()},A,1\nOK-1,{chain[2].Id()},A,1\n";

        var upload = await admin.UploadAsync("/Admin/Import", "Upload", "split.csv", csv, new() { ["Mode"] = "good" });
        // The progress page and its poll, answered by the other instance.
        var status = await SaleImportTests.FinishedAsync(otherAdmin, upload);

        Assert.Equal("Imported", status.GetProperty("state").GetString());
        Assert.Equal(100, status.GetProperty("percent").GetInt32());
        Assert.Equal(2, status.GetProperty("total").GetInt32());
        Assert.Equal(
            "Imported 1 sale with 2 commission lines (commission base €100.00). 1 order was refused: download it, fix it and upload it again.",
            status.GetProperty("summary").GetString());
        var import = SaleImportFixTests.ImportIdOf(upload);
        var page = await (await otherAdmin.GetAsync($"/Admin/Import?import={import}")).TextAsync();
        Assert.Contains("split.csv", page);
        Assert.Contains("Download the 1 refused orders (CSV)", page);
        var refused = await otherAdmin.GetAsync($"/Admin/Import?handler=Refused&import={import}");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var lines = (await refused.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["\"order_id\",\"distributor_id\",\"sku\",\"quantity\",\"reason\"", $"\"P-1\",\"{paused.Id()}\",\"A\",\"1\",\"Line 2 (order P-1): Only Active distributors can sell; this one is Inactive.\""], lines);

        // A Russian reader on the other instance reads the outcome and the refused file in Russian.
        var russian = await second.LoginAsAdminAsync("ru-RU");
        var russianPage = (await (await russian.GetAsync($"/Admin/Import?import={import}")).TextAsync()).Replace("&#xA0;", " ", StringComparison.Ordinal).Replace('\u00A0', ' ');
        Assert.Contains("Импортировано: 1 продажа, 2 строки начислений", russianPage);
        Assert.Contains("Последние загрузки", russianPage);
        var russianFile = await (await russian.GetAsync($"/Admin/Import?handler=Refused&import={import}")).Content.ReadAsStringAsync();
        Assert.Contains("статус этого дистрибьютора — «Неактивен»", russianFile);
        // The list of recent uploads on the first instance is the same rows.
        Assert.Contains("split.csv", await (await admin.GetAsync("/Admin/Import")).TextAsync());
    }

    [Fact]
    public async Task An_upload_while_another_instance_imports_is_refused_and_goes_in_once_that_one_ends()
    {
        var (admin, chain) = await SetUpAsync();
        var csv = $"order_id,distributor_id,sku,quantity\nO-1,{chain[2].Id()},A,1\n";
        // Another instance is importing: it holds the import lock.
        var other = await App.Locks().TryTakeAsync(LockKeys.SaleImport, CancellationToken.None);
        Assert.NotNull(other);

        var refused = await admin.UploadAsync("/Admin/Import", "Upload", "wait.csv", csv);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Another file is being imported; wait until it has finished, then upload this one.", await refused.TextAsync());
        Assert.Equal(0, await App.WithDbAsync(db => db.Sales.CountAsync()));
        Assert.Equal(0, await App.WithDbAsync(db => db.SaleImports.CountAsync()));

        await other.DisposeAsync();
        var status = await SaleImportTests.FinishedAsync(admin, await admin.UploadAsync("/Admin/Import", "Upload", "wait.csv", csv));
        Assert.Equal("Imported", status.GetProperty("state").GetString());
        Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync()));
        // The importing instance let the lock go when the file was done.
        Assert.True(await App.Locks().FreedAsync(LockKeys.SaleImport));
    }

    [Fact]
    public async Task An_import_left_running_by_an_instance_that_died_is_reported_failed_and_a_live_one_is_not()
    {
        var admin = await App.LoginAsAdminAsync();
        var live = await App.Locks().TryTakeAsync(LockKeys.SaleImport, CancellationToken.None);
        Assert.NotNull(live);
        var id = Guid.NewGuid();
        await App.WithDbAsync(db =>
        {
            db.SaleImports.Add(new SaleImportRecord
            {
                Id = id,
                FileName = "big.csv",
                StartedBy = MlmAppFactory.AdminEmail,
                StartedAt = App.Clock.UtcNow,
                Total = 1000,
                Checked = 400,
                State = SaleImportState.Running,
                BatchKey = "csv:abc",
                Summary = StoredText.Write($"Starting"),
            });
            return db.SaveChangesAsync();
        });

        // Its instance is alive (it holds the lock): the page shows it running.
        var running = await admin.GetFromJsonAsync<JsonElement>($"/Admin/Import?handler=Status&import={id}");
        Assert.Equal(("Running", 20, 400), (running.GetProperty("state").GetString(), running.GetProperty("percent").GetInt32(), running.GetProperty("checked").GetInt32()));
        Assert.Contains("Checked 400 of 1,000 sales, written 0.", await (await admin.GetAsync($"/Admin/Import?import={id}")).TextAsync());

        // Its instance dies, and the lock with its session.
        await App.KillHolderAsync(LockKeys.SaleImport);
        var failed = await admin.GetFromJsonAsync<JsonElement>($"/Admin/Import?handler=Status&import={id}");

        Assert.Equal("Failed", failed.GetProperty("state").GetString());
        Assert.Equal("The app stopped while this file was importing; nothing was posted. Upload it again.", failed.GetProperty("summary").GetString());
        var russian = await App.LoginAsAdminAsync();
        russian.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru-RU"));
        Assert.Contains("Приложение остановилось во время импорта этого файла", await (await russian.GetAsync("/Admin/Import")).TextAsync());
        await live.DisposeAsync();
    }

    [Fact]
    public async Task An_import_whose_instance_lost_its_lock_while_posting_is_not_called_failed_and_no_second_one_starts()
    {
        var (admin, chain) = await SetUpAsync();
        var id = Guid.NewGuid();
        await App.WithDbAsync(db =>
        {
            db.SaleImports.Add(new SaleImportRecord { Id = id, FileName = "long.csv", StartedBy = "x", StartedAt = App.Clock.UtcNow, Total = 5, State = SaleImportState.Running, BatchKey = "csv:long", Summary = StoredText.Write($"Starting") });
            return db.SaveChangesAsync();
        });
        // Its instance's lock session ended (nobody holds the import lock), but its posting transaction is still open.
        await using var posting = new NpgsqlConnection(App.ConnectionString);
        await posting.OpenAsync();
        var transaction = await posting.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKeys.SaleImportPosting})", posting, transaction))
        {
            await take.ExecuteNonQueryAsync();
        }

        var status = await admin.GetFromJsonAsync<JsonElement>($"/Admin/Import?handler=Status&import={id}");
        var second = await admin.UploadAsync("/Admin/Import", "Upload", "second.csv", $"order_id,distributor_id,sku,quantity\nO-1,{chain[2].Id()},A,1\n");

        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.Contains("Another file is being imported; wait until it has finished, then upload this one.", await second.TextAsync());
        Assert.Equal(1, await App.WithDbAsync(db => db.SaleImports.CountAsync()));
        Assert.True(await App.Locks().FreedAsync(LockKeys.SaleImport));

        // The posting rolls back (its instance died): now the import is failed, and the next upload goes in.
        await transaction.RollbackAsync();
        var failed = await admin.GetFromJsonAsync<JsonElement>($"/Admin/Import?handler=Status&import={id}");
        var next = await SaleImportTests.FinishedAsync(admin, await admin.UploadAsync("/Admin/Import", "Upload", "second.csv", $"order_id,distributor_id,sku,quantity\nO-1,{chain[2].Id()},A,1\n"));

        Assert.Equal("Failed", failed.GetProperty("state").GetString());
        Assert.Equal("Imported", next.GetProperty("state").GetString());
        Assert.Equal(1, await App.WithDbAsync(db => db.Sales.CountAsync()));
    }

    [Fact]
    public async Task The_next_import_marks_an_import_left_running_by_a_dead_instance_failed()
    {
        var (admin, chain) = await SetUpAsync();
        var id = Guid.NewGuid();
        await App.WithDbAsync(db =>
        {
            db.SaleImports.Add(new SaleImportRecord { Id = id, FileName = "old.csv", StartedBy = "x", StartedAt = App.Clock.UtcNow.AddMinutes(-5), Total = 5, State = SaleImportState.Running, Summary = StoredText.Write($"Starting") });
            return db.SaveChangesAsync();
        });

        var status = await SaleImportTests.FinishedAsync(admin, await admin.UploadAsync("/Admin/Import", "Upload", "new.csv", $"order_id,distributor_id,sku,quantity\nO-1,{chain[2].Id()},A,1\n"));

        Assert.Equal("Imported", status.GetProperty("state").GetString());
        Assert.Equal(SaleImportState.Failed, await App.WithDbAsync(db => db.SaleImports.Where(i => i.Id == id).Select(i => i.State).SingleAsync()));
    }

    [Fact]
    public async Task An_import_whose_instance_died_after_posting_reads_as_imported_not_failed()
    {
        var (admin, chain) = await SetUpAsync();
        var status = await SaleImportTests.FinishedAsync(admin, await admin.UploadAsync("/Admin/Import", "Upload", "done.csv", $"order_id,distributor_id,sku,quantity\nO-1,{chain[2].Id()},A,2\n"));
        Assert.Equal("Imported", status.GetProperty("state").GetString());
        Assert.True(await App.Locks().FreedAsync(LockKeys.SaleImport));
        // As if its instance had died after the posting committed, before writing the outcome.
        var id = await App.WithDbAsync(async db =>
        {
            var row = await db.SaleImports.SingleAsync();
            await db.SaleImports.Where(i => i.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.State, SaleImportState.Running).SetProperty(i => i.Summary, StoredText.Write($"Starting")));
            return row.Id;
        });

        var recovered = await admin.GetFromJsonAsync<JsonElement>($"/Admin/Import?handler=Status&import={id}");

        Assert.Equal("Imported", recovered.GetProperty("state").GetString());
        Assert.Equal("Imported 1 sale with 2 commission lines (commission base €200.00).", recovered.GetProperty("summary").GetString());
    }
}

public class SimulationInstanceTests(MlmAppFactory app) : AppTest(app)
{
    private SimulationRuns Worker() => new(App.Services.GetRequiredService<IDbContextFactory<MlmDbContext>>(), App.Clock, NullLogger<SimulationRuns>.Instance);

    /// <summary>A closed March with two sales and a saved draft; returns the draft.</summary>
    private async Task<long> SetUpAsync()
    {
        await App.SetPlanAsync(10m, 5m);
        await App.CreateProductAsync("A", 100m);
        var chain = await App.CreateChainAsync(3);
        App.Clock.Set(new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(chain[2].Id(), "s-1", ("A", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await App.PostSaleAsync(chain[1].Id(), "s-2", ("A", 2))).StatusCode);
        App.Clock.Set(new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(HttpStatusCode.OK, (await App.ClosePeriodAsync("2026-03")).StatusCode);
        return await App.SaveDraftAsync(await App.LoginAsAdminAsync(), "More to level one", "10", ["8"]);
    }

    private Task<SimulationRun> RunAsync(long id) => App.WithDbAsync(db => db.SimulationRuns.AsNoTracking().SingleAsync(r => r.Id == id));

    [Fact]
    public async Task A_queued_replay_is_run_once_when_two_instances_workers_reach_for_it_together()
    {
        var draft = await SetUpAsync();
        var run = await Worker().QueueAsync(draft, new Period(2026, 3), new Period(2026, 3), "admin", CancellationToken.None);

        var ran = await Task.WhenAll(Worker().RunNextAsync(CancellationToken.None), Worker().RunNextAsync(CancellationToken.None));

        // The app's own worker may have been the one; never two.
        Assert.True(ran.Count(r => r) <= 1, "Two workers ran the same replay.");
        for (var waited = 0; !(await RunAsync(run.Id)).IsFinished; waited++)
        {
            Assert.True(waited < 300, "The replay did not finish in 30 s.");
            await Task.Delay(100);
        }

        var finished = await RunAsync(run.Id);
        Assert.True(finished.Status == SimulationStatus.Done, $"{finished.Status}: {finished.Error}");
        Assert.Equal(2, finished.SalesReplayed);
        Assert.Equal(2, finished.SalesToReplay);
    }

    [Fact]
    public async Task A_replay_left_running_by_a_dead_instance_is_failed_by_another_and_a_live_one_is_not()
    {
        var draft = await SetUpAsync();
        // Another instance holds the simulator lock and is replaying the run.
        var other = await App.Locks().TryTakeAsync(LockKeys.Simulator, CancellationToken.None);
        Assert.NotNull(other);
        var run = await Worker().QueueAsync(draft, new Period(2026, 3), new Period(2026, 3), "admin", CancellationToken.None);
        await App.WithDbAsync(async db =>
        {
            var row = await db.SimulationRuns.SingleAsync(r => r.Id == run.Id);
            row.Start(2, App.Clock.UtcNow);
            return await db.SaveChangesAsync();
        });

        // An instance starting, or looking for work, leaves the live run alone.
        await Worker().RecoverAsync(CancellationToken.None);
        Assert.False(await Worker().RunNextAsync(CancellationToken.None));
        Assert.Equal(SimulationStatus.Running, (await RunAsync(run.Id)).Status);

        // The replaying instance dies: the next look fails its run, so another can start.
        await App.KillHolderAsync(LockKeys.Simulator);
        Assert.False(await Worker().RunNextAsync(CancellationToken.None));

        var failed = await RunAsync(run.Id);
        Assert.Equal(SimulationStatus.Failed, failed.Status);
        Assert.Equal("The app stopped while this run was replaying; start it again.", failed.Error);
        await other.DisposeAsync();
        var again = await Worker().QueueAsync(draft, new Period(2026, 3), new Period(2026, 3), "admin", CancellationToken.None);
        Assert.Equal(SimulationStatus.Queued, again.Status);
    }
}

public class TeamVolumeRollupInstanceTests(MlmAppFactory app) : AppTest(app)
{
    [Fact]
    public async Task Concurrent_rollup_rounds_of_two_instances_apply_every_entry_exactly_once()
    {
        var chain = await App.CreateChainAsync(4);
        await App.RollUpTeamVolumeAsync();
        var ids = chain.Select(c => c.Id()).ToList();
        var before = await TeamAsync(ids);
        var random = new Random(11);
        var entries = Enumerable.Range(0, 3000).Select(i => new TeamVolumeEntry
        {
            DistributorId = ids[random.Next(1, ids.Count)],
            PeriodKey = 202603 + random.Next(0, 2),
            SaleCount = random.Next(-1, 3),
            Volume = new Money(random.Next(-5_000, 50_000)),
        }).ToList();
        await App.WithDbAsync(db =>
        {
            db.TeamVolumeQueue.AddRange(entries);
            return db.SaveChangesAsync();
        });

        var contexts = App.Services.GetRequiredService<IDbContextFactory<MlmDbContext>>();
        var applied = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => new TeamVolumeRollup(contexts, NullLogger<TeamVolumeRollup>.Instance).DrainAsync(CancellationToken.None))));
        await App.RollUpTeamVolumeAsync();

        Assert.True(applied.Sum() <= entries.Count);
        Assert.Equal(0, await App.WithDbAsync(db => db.TeamVolumeQueue.CountAsync()));
        var after = await TeamAsync(ids);
        // Each entry counts for every member of the seller's upline below the house: the sponsors above it in the chain.
        for (var member = 0; member < ids.Count; member++)
        {
            foreach (var period in new[] { 202603, 202604 })
            {
                var below = entries.Where(e => e.PeriodKey == period && ids.IndexOf(e.DistributorId) > member).ToList();
                var expected = (Sales: below.Sum(e => (long)e.SaleCount), Cents: below.Sum(e => e.Volume.Cents));
                var was = before.GetValueOrDefault((ids[member], period));
                var now = after.GetValueOrDefault((ids[member], period));
                Assert.Equal(expected, (now.Sales - was.Sales, now.Cents - was.Cents));
            }
        }
    }

    private Task<Dictionary<(long Id, int Period), (long Sales, long Cents)>> TeamAsync(List<long> ids) => App.WithDbAsync(async db =>
        (await db.DistributorMonthStats.AsNoTracking().Where(s => ids.Contains(s.DistributorId)).ToListAsync())
            .ToDictionary(s => (s.DistributorId, s.PeriodKey), s => ((long)s.TeamSalesCount, s.TeamVolume.Cents)));
}
