using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MlmNetwork.Infrastructure;
using Npgsql;

namespace MlmNetwork.Web.Tests;

/// <summary>The migration to payout runs keeps what was recorded before it, on a database of its own.</summary>
public class PayoutMigrationTests
{
    private const string BeforePayoutRuns = "20261127034525_GenealogyTopRecruitsIndex";

    [Fact]
    public async Task Payouts_recorded_against_statements_are_kept_and_the_statements_restated_to_follow_on()
    {
        await ScratchDatabase.WithPostgresAsync(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforePayoutRuns);
            // Earned 30.00 in August and 20.00 in September; August paid on 5 September, September on 3 October,
            // each against its statement (the September statement opened at 0.00 the old way).
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO distributors (id, name, email, referral_code, is_house, status, depth, joined_at, direct_recruit_count, downline_count)
                VALUES (1, 'House', 'house@example.com', 'HOUSE001', true, 0, 0, '2026-01-01', 1, 1),
                       (2, 'Ирина Петрова', 'irina@example.com', 'IRINA002', false, 0, 1, '2026-01-01', 0, 0);
                UPDATE distributors SET sponsor_id = 1 WHERE id = 2;
                INSERT INTO distributor_earnings (distributor_id, period_key, level, amount_cents, line_count) VALUES (2, 202608, 0, 3000, 1), (2, 202609, 0, 2000, 1);
                INSERT INTO commission_periods (period_key, closed_at, closed_by, plan_version, min_personal_volume_cents)
                VALUES (202608, '2026-09-01 10:00+00', 'admin', 1, 0), (202609, '2026-10-01 10:00+00', 'admin', 1, 0);
                INSERT INTO statements (id, period_key, distributor_id, opening_cents, earned_cents, reversed_cents, forfeited_cents, personal_volume_cents, qualified)
                VALUES (10, 202608, 2, 0, 3000, 0, 0, 0, true), (11, 202609, 2, 0, 2000, 0, 0, 0, true);
                INSERT INTO payouts (statement_id, distributor_id, amount_cents, paid_on, reference, recorded_at, recorded_by)
                VALUES (10, 2, 3000, '2026-09-05', 'OLD-1', '2026-09-05 12:00+00', 'admin'), (11, 2, 2000, '2026-10-03', 'OLD-2', '2026-10-03 12:00+00', 'admin');
                """);

            await db.Database.MigrateAsync();

            var payouts = await db.Payouts.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
            Assert.Equal(
                [(3000L, 202608, 202609, "OLD-1"), (2000L, 202609, 202610, "OLD-2")],
                payouts.Select(p => (p.Amount.Cents, p.UpToPeriodKey, p.PeriodKey, p.Reference)));
            var statements = await db.Statements.AsNoTracking().OrderBy(s => s.PeriodKey).ToListAsync();
            Assert.Equal(
                [(202608, 0L, 3000L, 0L, 3000L), (202609, 3000L, 2000L, 3000L, 2000L)],
                statements.Select(s => (s.PeriodKey, s.Opening.Cents, s.Earned.Cents, s.Paid.Cents, s.Closing.Cents)));
            Assert.Equal(2, await MlmNetwork.Infrastructure.Network.SearchKeys.BackfillAsync(db, CancellationToken.None)); // the house and Irina
            Assert.Equal("ирина петрова irina@example.com", await db.Distributors.Where(d => d.Id == 2).Select(d => d.SearchKey).SingleAsync());
        });
    }
}
