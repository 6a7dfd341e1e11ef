using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RetailShareQualification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "forfeit_below_customer_share",
                table: "simulation_runs",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "min_customer_share_basis_points",
                table: "simulation_runs",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "forfeit_below_customer_share",
                table: "plan_drafts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "min_customer_share_basis_points",
                table: "plan_drafts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "customer_volume_cents",
                table: "distributor_month_stats",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "forfeit_below_customer_share",
                table: "commission_plans",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "min_customer_share_basis_points",
                table: "commission_plans",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "forfeit_below_customer_share",
                table: "commission_periods",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "min_customer_share_basis_points",
                table: "commission_periods",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_distributor_month_stats_period_key",
                table: "distributor_month_stats",
                column: "period_key");

            migrationBuilder.CreateIndex(
                name: "ix_distributor_earnings_period_key",
                table: "distributor_earnings",
                column: "period_key");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_distributor_month_stats_period_key",
                table: "distributor_month_stats");

            migrationBuilder.DropIndex(
                name: "ix_distributor_earnings_period_key",
                table: "distributor_earnings");

            migrationBuilder.DropColumn(
                name: "forfeit_below_customer_share",
                table: "simulation_runs");

            migrationBuilder.DropColumn(
                name: "min_customer_share_basis_points",
                table: "simulation_runs");

            migrationBuilder.DropColumn(
                name: "forfeit_below_customer_share",
                table: "plan_drafts");

            migrationBuilder.DropColumn(
                name: "min_customer_share_basis_points",
                table: "plan_drafts");

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
