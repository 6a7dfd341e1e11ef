using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RestateLegacyPayouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Payouts recorded against statements before payout runs are kept: each now says the
            // month it paid up to (its statement's) and counts in the month it was recorded; the
            // statements already written are restated on that basis, so each opens where the one
            // before closed and none is payable on its own (docs/rules.md, "Balance").
            migrationBuilder.Sql(@"UPDATE payouts SET up_to_period_key = COALESCE((SELECT s.period_key FROM statements s WHERE s.id = payouts.statement_id), 0), period_key = CAST(strftime('%Y%m', recorded_at) AS INTEGER)");
            migrationBuilder.Sql(@"INSERT INTO statements (period_key, distributor_id, opening_cents, earned_cents, reversed_cents, forfeited_cents, paid_cents, personal_volume_cents, qualified)
                SELECT p.period_key, p.distributor_id, 0, 0, 0, 0, 0,
                       COALESCE((SELECT m.personal_volume_cents FROM distributor_month_stats m WHERE m.distributor_id = p.distributor_id AND m.period_key = p.period_key), 0),
                       COALESCE((SELECT m.personal_volume_cents FROM distributor_month_stats m WHERE m.distributor_id = p.distributor_id AND m.period_key = p.period_key), 0) >= MIN(c.min_personal_volume_cents)
                FROM payouts p JOIN commission_periods c ON c.period_key = p.period_key
                WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.distributor_id = p.distributor_id AND s.period_key = p.period_key)
                GROUP BY p.period_key, p.distributor_id");
            migrationBuilder.Sql(@"UPDATE statements SET
                paid_cents = COALESCE((SELECT SUM(p.amount_cents) FROM payouts p WHERE p.distributor_id = statements.distributor_id AND p.period_key = statements.period_key), 0),
                opening_cents = COALESCE((SELECT SUM(e.amount_cents) FROM distributor_earnings e WHERE e.distributor_id = statements.distributor_id AND e.period_key < statements.period_key), 0)
                              - COALESCE((SELECT SUM(p.amount_cents) FROM payouts p WHERE p.distributor_id = statements.distributor_id AND p.period_key < statements.period_key), 0)");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
