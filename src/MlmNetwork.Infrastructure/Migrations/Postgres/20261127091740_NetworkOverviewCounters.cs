using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NetworkOverviewCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "earner_month_totals",
                columns: table => new
                {
                    distributor_id = table.Column<long>(type: "bigint", nullable: false),
                    period_key = table.Column<int>(type: "integer", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_earner_month_totals", x => new { x.distributor_id, x.period_key });
                    table.ForeignKey(
                        name: "fk_earner_month_totals_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "earner_totals",
                columns: table => new
                {
                    distributor_id = table.Column<long>(type: "bigint", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_earner_totals", x => x.distributor_id);
                    table.ForeignKey(
                        name: "fk_earner_totals_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "network_counts",
                columns: table => new
                {
                    depth = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_network_counts", x => new { x.depth, x.status });
                });

            migrationBuilder.CreateTable(
                name: "network_month_stats",
                columns: table => new
                {
                    period_key = table.Column<int>(type: "integer", nullable: false),
                    slot = table.Column<int>(type: "integer", nullable: false),
                    sales_count = table.Column<int>(type: "integer", nullable: false),
                    sales_total_cents = table.Column<long>(type: "bigint", nullable: false),
                    sales_base_cents = table.Column<long>(type: "bigint", nullable: false),
                    refunded_total_cents = table.Column<long>(type: "bigint", nullable: false),
                    refunded_base_cents = table.Column<long>(type: "bigint", nullable: false),
                    earned_cents = table.Column<long>(type: "bigint", nullable: false),
                    reversed_cents = table.Column<long>(type: "bigint", nullable: false),
                    forfeited_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_network_month_stats", x => new { x.period_key, x.slot });
                });

            migrationBuilder.CreateTable(
                name: "network_signup_days",
                columns: table => new
                {
                    day_key = table.Column<int>(type: "integer", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_network_signup_days", x => x.day_key);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sales_created_at_id",
                table: "sales",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_refunded",
                table: "sales",
                columns: new[] { "created_at", "id" },
                filter: "refund_count > 0");

            migrationBuilder.CreateIndex(
                name: "ix_earner_month_totals_period_key_amount_cents_distributor_id",
                table: "earner_month_totals",
                columns: new[] { "period_key", "amount_cents", "distributor_id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "ix_earner_totals_amount_cents_distributor_id",
                table: "earner_totals",
                columns: new[] { "amount_cents", "distributor_id" },
                descending: new[] { true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "earner_month_totals");

            migrationBuilder.DropTable(
                name: "earner_totals");

            migrationBuilder.DropTable(
                name: "network_counts");

            migrationBuilder.DropTable(
                name: "network_month_stats");

            migrationBuilder.DropTable(
                name: "network_signup_days");

            migrationBuilder.DropIndex(
                name: "ix_sales_created_at_id",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_refunded",
                table: "sales");
        }
    }
}
