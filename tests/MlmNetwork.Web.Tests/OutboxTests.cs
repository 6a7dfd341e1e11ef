using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using MlmNetwork.Infrastructure;
using MlmNetwork.Infrastructure.Mail;

namespace MlmNetwork.Web.Tests;

/// <summary>The outbox sends each message exactly once through crashes and concurrent workers, and gives up loudly (ADR 010).</summary>
public class OutboxTests(MlmAppFactory app) : AppTest(app)
{
    private MailOptions Options => App.Services.GetRequiredService<MailOptions>();

    private IDbContextFactory<MlmDbContext> Contexts => App.Services.GetRequiredService<IDbContextFactory<MlmDbContext>>();

    [Fact]
    public async Task A_message_claimed_by_a_worker_that_died_is_sent_exactly_once_after_the_restart()
    {
        var ids = await QueueAsync(3);
        var dead = new OutboxSender(Contexts, new PickupDirectoryTransport(App.MailFolder), Options, NullLogger<OutboxSender>.Instance);
        // The dead worker claimed all three, wrote the first one's file, and died before marking anything sent.
        var claimed = await dead.ClaimAsync(10, DateTime.UtcNow, CancellationToken.None);
        Assert.Equal(ids, claimed.Order());
        var first = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Id == ids[0]));
        await using (var session = await new PickupDirectoryTransport(App.MailFolder).OpenAsync(CancellationToken.None))
        {
            Assert.True(await session.SendAsync(new MimeMessage { Subject = first.Subject }, OutboxSender.FileName(first), CancellationToken.None));
        }

        // While its claim runs, nobody else sends them.
        Assert.Equal(0, await App.DeliverMailAsync());
        // The restarted app takes them over once the claim has run out.
        var restarted = App.Services.GetRequiredService<OutboxSender>();
        Assert.Equal(3, await restarted.DrainAsync(CancellationToken.None, DateTime.UtcNow + Options.ClaimFor + TimeSpan.FromSeconds(1)));
        Assert.Equal(0, await restarted.DrainAsync(CancellationToken.None, DateTime.UtcNow + Options.ClaimFor + TimeSpan.FromSeconds(2)));

        Assert.Equal(3, Directory.GetFiles(App.MailFolder, "*.eml").Length);
        Assert.Empty(Directory.GetFiles(App.MailFolder, "*.tmp"));
        var sent = await App.WithDbAsync(db => db.OutboxMessages.OrderBy(m => m.Id).ToListAsync());
        Assert.All(sent, m => Assert.NotNull(m.SentAt));
        Assert.All(sent, m => Assert.Equal(2, m.Attempts));
    }

    [Fact]
    public async Task Two_workers_draining_at_once_send_each_message_once()
    {
        var ids = await QueueAsync(120);
        var counting = new CountingTransport(new PickupDirectoryTransport(App.MailFolder));
        OutboxSender Worker() => new(Contexts, counting, Options, NullLogger<OutboxSender>.Instance);

        var sent = await Task.WhenAll(Worker().DrainAsync(CancellationToken.None), Worker().DrainAsync(CancellationToken.None), Worker().DrainAsync(CancellationToken.None));

        Assert.Equal(120, sent.Sum());
        Assert.Equal(120, counting.Delivered);
        Assert.Equal(120, Directory.GetFiles(App.MailFolder, "*.eml").Length);
        Assert.True(await App.WithDbAsync(db => db.OutboxMessages.AllAsync(m => m.Attempts == 1 && m.SentAt != null)));
        Assert.Equal(ids.Count, await App.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_waits_longer_each_time_then_is_shown_failed_to_admins_who_can_retry_it()
    {
        var ids = await QueueAsync(1);
        var options = new MailOptions { MaxAttempts = 3, PickupDirectory = App.MailFolder };
        var failing = new OutboxSender(Contexts, new BrokenTransport(), options, NullLogger<OutboxSender>.Instance);
        var now = BusinessClock.Microseconds(DateTime.UtcNow);

        Assert.Equal(0, await failing.DrainAsync(CancellationToken.None, now));
        var afterOne = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Equal((1, now + TimeSpan.FromMinutes(1), null), (afterOne.Attempts, afterOne.NextAttemptAt, afterOne.FailedAt));
        Assert.Contains("connection refused", afterOne.LastError, StringComparison.Ordinal);
        Assert.Equal(0, await failing.DrainAsync(CancellationToken.None, now + TimeSpan.FromSeconds(30))); // not due yet
        Assert.Equal(0, await failing.DrainAsync(CancellationToken.None, now + TimeSpan.FromMinutes(1)));
        Assert.Equal(now + TimeSpan.FromMinutes(3), (await App.WithDbAsync(db => db.OutboxMessages.SingleAsync())).NextAttemptAt);
        Assert.Equal(0, await failing.DrainAsync(CancellationToken.None, now + TimeSpan.FromMinutes(3)));
        Assert.NotNull((await App.WithDbAsync(db => db.OutboxMessages.SingleAsync())).FailedAt);

        var admin = await App.LoginAsAdminAsync();
        var page = await (await admin.GetAsync("/Admin/Mail")).TextAsync();
        Assert.Contains("data-testid=\"mail-failed\">1<", page);
        Assert.Contains("Test message 1", page);
        var retried = await admin.PostFormAsync($"/Admin/Mail?handler=Retry&id={ids[0]}", [], "/Admin/Mail");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(1, await App.DeliverMailAsync());
        Assert.Equal("Test message 1", App.Mails().Single().Subject);
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "mail.retry")));
    }

    private async Task<List<long>> QueueAsync(int count)
    {
        var now = DateTime.UtcNow;
        return await App.WithDbAsync(async db =>
        {
            var messages = Enumerable.Range(1, count).Select(i => new OutboxMessage
            {
                MessageId = $"{Guid.NewGuid():N}@test.example.com",
                ToAddress = $"person{i}@example.com",
                ToName = $"Person {i}",
                Subject = $"Test message {i}",
                TextBody = "Hello",
                HtmlBody = "<p>Hello</p>",
                Kind = "test",
                CreatedAt = now,
                NextAttemptAt = now,
            }).ToList();
            db.OutboxMessages.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.Select(m => m.Id).Order().ToList();
        });
    }

    private sealed class BrokenTransport : IMailTransport
    {
        public Task<IMailSession> OpenAsync(CancellationToken ct) => throw new IOException("connection refused");
    }

    private sealed class CountingTransport(IMailTransport inner) : IMailTransport
    {
        private int delivered;

        public int Delivered => delivered;

        public async Task<IMailSession> OpenAsync(CancellationToken ct) => new Session(await inner.OpenAsync(ct), this);

        private sealed class Session(IMailSession inner, CountingTransport owner) : IMailSession
        {
            public async Task<bool> SendAsync(MimeMessage message, string fileName, CancellationToken ct)
            {
                var written = await inner.SendAsync(message, fileName, ct);
                if (written)
                {
                    Interlocked.Increment(ref owner.delivered);
                }

                return written;
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
