using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AlterColumn<long>(
                name: "statement_id",
                table: "payouts",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "payout_run_id",
                table: "payouts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "period_key",
                table: "payouts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "up_to_period_key",
                table: "payouts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "search_key",
                table: "distributors",
                type: "TEXT",
                maxLength: 355,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "company_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    minimum_payout_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_company_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payout_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    up_to_period_key = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    minimum_payout_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    item_count = table.Column<int>(type: "INTEGER", nullable: false),
                    proposed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    proposed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payout_run_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    payout_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    distributor_id = table.Column<long>(type: "INTEGER", nullable: false),
                    amount_cents = table.Column<long>(type: "INTEGER", nullable: false)
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

            // The restatement of recorded payouts and statements follows in RestateLegacyPayouts: SQLite
            // rebuilds the payouts table at the end of this migration, and data changes come after it.
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
