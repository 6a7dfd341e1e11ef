using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PayoutRunsAndSearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "paid_cents",
                table: "statements",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AlterColumn<long>(
                name: "statement_id",
                table: "payouts",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<long>(
                name: "payout_run_id",
                table: "payouts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "period_key",
                table: "payouts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "up_to_period_key",
                table: "payouts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "search_key",
                table: "distributors",
                type: "character varying(355)",
                maxLength: 355,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "company_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    minimum_payout_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payout_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    up_to_period_key = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    minimum_payout_cents = table.Column<long>(type: "bigint", nullable: false),
                    total_cents = table.Column<long>(type: "bigint", nullable: false),
                    item_count = table.Column<int>(type: "integer", nullable: false),
                    proposed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    proposed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: true),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payout_run_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    payout_run_id = table.Column<long>(type: "bigint", nullable: false),
                    distributor_id = table.Column<long>(type: "bigint", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_run_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_payout_run_items_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payout_run_items_payout_runs_payout_run_id",
                        column: x => x.payout_run_id,
                        principalTable: "payout_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "company_settings",
                columns: new[] { "id", "minimum_payout_cents" },
                values: new object[] { 1, 1000L });

            migrationBuilder.CreateIndex(
                name: "ix_payouts_payout_run_id_distributor_id",
                table: "payouts",
                columns: new[] { "payout_run_id", "distributor_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payout_run_items_distributor_id",
                table: "payout_run_items",
                column: "distributor_id");

            migrationBuilder.CreateIndex(
                name: "ix_payout_run_items_payout_run_id_distributor_id",
                table: "payout_run_items",
                columns: new[] { "payout_run_id", "distributor_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payout_runs_one_open",
                table: "payout_runs",
                column: "status",
                unique: true,
                filter: "status = 0");

            migrationBuilder.AddForeignKey(
                name: "fk_payouts_payout_runs_payout_run_id",
                table: "payouts",
                column: "payout_run_id",
                principalTable: "payout_runs",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // Payouts recorded against statements before payout runs are kept: each now says the
            // month it paid up to (its statement's) and counts in the month it was recorded; the
            // statements already written are restated on that basis, so each opens where the one
            // before closed and none is payable on its own (docs/rules.md, "Balance").
            migrationBuilder.Sql(@"UPDATE payouts SET up_to_period_key = COALESCE((SELECT s.period_key FROM statements s WHERE s.id = payouts.statement_id), 0), period_key = CAST(to_char(recorded_at, 'YYYYMM') AS integer)");
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
            // Search keys are filled by the app at start-up (SearchKeys.BackfillAsync): SQL's lower() does not fold Cyrillic everywhere.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_payouts_payout_runs_payout_run_id",
                table: "payouts");

            migrationBuilder.DropTable(
                name: "company_settings");

            migrationBuilder.DropTable(
                name: "payout_run_items");

            migrationBuilder.DropTable(
                name: "payout_runs");

            migrationBuilder.DropIndex(
                name: "ix_payouts_payout_run_id_distributor_id",
                table: "payouts");

            migrationBuilder.DropColumn(
                name: "paid_cents",
                table: "statements");

            migrationBuilder.DropColumn(
                name: "payout_run_id",
                table: "payouts");

            migrationBuilder.DropColumn(
                name: "period_key",
                table: "payouts");

            migrationBuilder.DropColumn(
                name: "up_to_period_key",
                table: "payouts");

            migrationBuilder.DropColumn(
                name: "search_key",
                table: "distributors");

            migrationBuilder.AlterColumn<long>(
                name: "statement_id",
                table: "payouts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);
        }
    }
}
