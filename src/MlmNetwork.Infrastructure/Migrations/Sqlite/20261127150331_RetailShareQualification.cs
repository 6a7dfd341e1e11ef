using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RetailShareQualification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "customer_id",
                table: "sales",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "terminated_at",
                table: "distributors",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "customer_volume_cents",
                table: "distributor_month_stats",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "forfeit_below_customer_share",
                table: "commission_plans",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "min_customer_share_basis_points",
                table: "commission_plans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "forfeit_below_customer_share",
                table: "commission_periods",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "min_customer_share_basis_points",
                table: "commission_periods",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    distributor_id = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    consent_to_contact = table.Column<bool>(type: "INTEGER", nullable: false),
                    consent_given_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.id);
                    table.ForeignKey(
                        name: "fk_customers_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "distributor_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    distributor_id = table.Column<long>(type: "INTEGER", nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status_before = table.Column<int>(type: "INTEGER", nullable: true),
                    status_after = table.Column<int>(type: "INTEGER", nullable: true),
                    sponsor_before = table.Column<long>(type: "INTEGER", nullable: true),
                    sponsor_after = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_distributor_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_distributor_changes_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_drafts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    personal_basis_points = table.Column<int>(type: "INTEGER", nullable: false),
                    level_basis_points = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    compression = table.Column<bool>(type: "INTEGER", nullable: false),
                    min_personal_volume_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    min_customer_share_basis_points = table.Column<int>(type: "INTEGER", nullable: true),
                    forfeit_below_customer_share = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_drafts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "published_disclosures",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    from_key = table.Column<int>(type: "INTEGER", nullable: false),
                    to_key = table.Column<int>(type: "INTEGER", nullable: false),
                    figures = table.Column<string>(type: "TEXT", nullable: false),
                    generated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    published_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    published_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_published_disclosures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "customer_orders",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    distributor_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    placed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    paid_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cancelled_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sale_id = table.Column<long>(type: "INTEGER", nullable: true),
                    total_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_orders", x => x.id);
                    table.ForeignKey(
                        name: "fk_customer_orders_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_customer_orders_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_customer_orders_sales_sale_id",
                        column: x => x.sale_id,
                        principalTable: "sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "simulation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    draft_id = table.Column<long>(type: "INTEGER", nullable: true),
                    draft_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    personal_basis_points = table.Column<int>(type: "INTEGER", nullable: false),
                    level_basis_points = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    compression = table.Column<bool>(type: "INTEGER", nullable: false),
                    min_personal_volume_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    min_customer_share_basis_points = table.Column<int>(type: "INTEGER", nullable: true),
                    forfeit_below_customer_share = table.Column<bool>(type: "INTEGER", nullable: false),
                    from_key = table.Column<int>(type: "INTEGER", nullable: false),
                    to_key = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    active_slot = table.Column<int>(type: "INTEGER", nullable: true),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sales_to_replay = table.Column<long>(type: "INTEGER", nullable: false),
                    sales_replayed = table.Column<long>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    sales_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    current_earned_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    current_reversed_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    current_forfeited_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    draft_earned_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    draft_reversed_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    draft_forfeited_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    distributors = table.Column<long>(type: "INTEGER", nullable: false),
                    plan_versions = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    approximate_before = table.Column<DateTime>(type: "TEXT", nullable: true),
                    histogram = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_simulation_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_simulation_runs_plan_drafts_draft_id",
                        column: x => x.draft_id,
                        principalTable: "plan_drafts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "customer_order_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    customer_order_id = table.Column<long>(type: "INTEGER", nullable: false),
                    product_id = table.Column<long>(type: "INTEGER", nullable: false),
                    sku = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    unit_price_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_order_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_customer_order_lines_customer_orders_customer_order_id",
                        column: x => x.customer_order_id,
                        principalTable: "customer_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_customer_order_lines_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "simulation_results",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    rank = table.Column<long>(type: "INTEGER", nullable: false),
                    distributor_id = table.Column<long>(type: "INTEGER", nullable: false),
                    current_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    draft_cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_simulation_results", x => new { x.run_id, x.rank });
                    table.ForeignKey(
                        name: "fk_simulation_results_simulation_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "simulation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sales_customer_id_id",
                table: "sales",
                columns: new[] { "customer_id", "id" },
                filter: "customer_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_distributor_month_stats_period_key",
                table: "distributor_month_stats",
                column: "period_key");

            migrationBuilder.CreateIndex(
                name: "ix_distributor_earnings_period_key",
                table: "distributor_earnings",
                column: "period_key");

            migrationBuilder.CreateIndex(
                name: "ix_customer_order_lines_customer_order_id",
                table: "customer_order_lines",
                column: "customer_order_id");

            migrationBuilder.CreateIndex(
                name: "ix_customer_order_lines_product_id",
                table: "customer_order_lines",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_customer_orders_customer_id_id",
                table: "customer_orders",
                columns: new[] { "customer_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_orders_distributor_id_id",
                table: "customer_orders",
                columns: new[] { "distributor_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_customer_orders_sale_id",
                table: "customer_orders",
                column: "sale_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_customers_distributor_id_email",
                table: "customers",
                columns: new[] { "distributor_id", "email" },
                unique: true,
                filter: "email IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_customers_distributor_id_name",
                table: "customers",
                columns: new[] { "distributor_id", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_distributor_changes_at",
                table: "distributor_changes",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_distributor_changes_distributor_id",
                table: "distributor_changes",
                column: "distributor_id");

            migrationBuilder.CreateIndex(
                name: "ix_simulation_runs_active_slot",
                table: "simulation_runs",
                column: "active_slot",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_simulation_runs_draft_id",
                table: "simulation_runs",
                column: "draft_id");

            migrationBuilder.AddForeignKey(
                name: "fk_sales_customers_customer_id",
                table: "sales",
                column: "customer_id",
                principalTable: "customers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_sales_customers_customer_id",
                table: "sales");

            migrationBuilder.DropTable(
                name: "customer_order_lines");

            migrationBuilder.DropTable(
                name: "distributor_changes");

            migrationBuilder.DropTable(
                name: "published_disclosures");

            migrationBuilder.DropTable(
                name: "simulation_results");

            migrationBuilder.DropTable(
                name: "customer_orders");

            migrationBuilder.DropTable(
                name: "simulation_runs");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "plan_drafts");

            migrationBuilder.DropIndex(
                name: "ix_sales_customer_id_id",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_distributor_month_stats_period_key",
                table: "distributor_month_stats");

            migrationBuilder.DropIndex(
                name: "ix_distributor_earnings_period_key",
                table: "distributor_earnings");

            migrationBuilder.DropColumn(
                name: "customer_id",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "terminated_at",
                table: "distributors");

            migrationBuilder.DropColumn(
                name: "customer_volume_cents",
                table: "distributor_month_stats");

            migrationBuilder.DropColumn(
                name: "forfeit_below_customer_share",
                table: "commission_plans");

            migrationBuilder.DropColumn(
                name: "min_customer_share_basis_points",
                table: "commission_plans");

            migrationBuilder.DropColumn(
                name: "forfeit_below_customer_share",
                table: "commission_periods");

            migrationBuilder.DropColumn(
                name: "min_customer_share_basis_points",
                table: "commission_periods");
        }
    }
}
