using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "refund_idempotency_key",
                table: "sales",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "refunded_at",
                table: "sales",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "distance",
                table: "commission_lines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "commission_lines",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "reverses_line_id",
                table: "commission_lines",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "commission_periods",
                columns: table => new
                {
                    period_key = table.Column<int>(type: "integer", nullable: false),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    closed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    plan_version = table.Column<int>(type: "integer", nullable: false),
                    min_personal_volume_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commission_periods", x => x.period_key);
                });

            migrationBuilder.CreateTable(
                name: "sale_unpaid_members",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sale_id = table.Column<long>(type: "bigint", nullable: false),
                    distributor_id = table.Column<long>(type: "bigint", nullable: false),
                    distance = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_unpaid_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_sale_unpaid_members_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sale_unpaid_members_sales_sale_id",
                        column: x => x.sale_id,
                        principalTable: "sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "statements",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    period_key = table.Column<int>(type: "integer", nullable: false),
                    distributor_id = table.Column<long>(type: "bigint", nullable: false),
                    opening_cents = table.Column<long>(type: "bigint", nullable: false),
                    earned_cents = table.Column<long>(type: "bigint", nullable: false),
                    reversed_cents = table.Column<long>(type: "bigint", nullable: false),
                    forfeited_cents = table.Column<long>(type: "bigint", nullable: false),
                    personal_volume_cents = table.Column<long>(type: "bigint", nullable: false),
                    qualified = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_statements", x => x.id);
                    table.ForeignKey(
                        name: "fk_statements_commission_periods_period_key",
                        column: x => x.period_key,
                        principalTable: "commission_periods",
                        principalColumn: "period_key",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_statements_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payouts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    statement_id = table.Column<long>(type: "bigint", nullable: false),
                    distributor_id = table.Column<long>(type: "bigint", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payouts", x => x.id);
                    table.ForeignKey(
                        name: "fk_payouts_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payouts_statements_statement_id",
                        column: x => x.statement_id,
                        principalTable: "statements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sales_refund_idempotency_key",
                table: "sales",
                column: "refund_idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commission_lines_period_key_beneficiary_id",
                table: "commission_lines",
                columns: new[] { "period_key", "beneficiary_id" });

            migrationBuilder.CreateIndex(
                name: "ix_commission_lines_reverses_line_id_kind",
                table: "commission_lines",
                columns: new[] { "reverses_line_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payouts_distributor_id_id",
                table: "payouts",
                columns: new[] { "distributor_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_payouts_statement_id",
                table: "payouts",
                column: "statement_id");

            migrationBuilder.CreateIndex(
                name: "ix_sale_unpaid_members_distributor_id",
                table: "sale_unpaid_members",
                column: "distributor_id");

            migrationBuilder.CreateIndex(
                name: "ix_sale_unpaid_members_sale_id",
                table: "sale_unpaid_members",
                column: "sale_id");

            migrationBuilder.CreateIndex(
                name: "ix_statements_distributor_id_period_key",
                table: "statements",
                columns: new[] { "distributor_id", "period_key" });

            migrationBuilder.CreateIndex(
                name: "ix_statements_period_key_distributor_id",
                table: "statements",
                columns: new[] { "period_key", "distributor_id" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_commission_lines_commission_lines_reverses_line_id",
                table: "commission_lines",
                column: "reverses_line_id",
                principalTable: "commission_lines",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_commission_lines_commission_lines_reverses_line_id",
                table: "commission_lines");

            migrationBuilder.DropTable(
                name: "payouts");

            migrationBuilder.DropTable(
                name: "sale_unpaid_members");

            migrationBuilder.DropTable(
                name: "statements");

            migrationBuilder.DropTable(
                name: "commission_periods");

            migrationBuilder.DropIndex(
                name: "ix_sales_refund_idempotency_key",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_commission_lines_period_key_beneficiary_id",
                table: "commission_lines");

            migrationBuilder.DropIndex(
                name: "ix_commission_lines_reverses_line_id_kind",
                table: "commission_lines");

            migrationBuilder.DropColumn(
                name: "refund_idempotency_key",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "refunded_at",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "distance",
                table: "commission_lines");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "commission_lines");

            migrationBuilder.DropColumn(
                name: "reverses_line_id",
                table: "commission_lines");
        }
    }
}
