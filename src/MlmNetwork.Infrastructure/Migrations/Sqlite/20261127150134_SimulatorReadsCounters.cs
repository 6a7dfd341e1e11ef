using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SimulatorReadsCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_simulation_results_simulation_runs_run_id",
                table: "simulation_results");

            migrationBuilder.CreateIndex(
                name: "ix_commission_lines_period_key",
                table: "commission_lines",
                column: "period_key",
                filter: "kind = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_commission_lines_period_key",
                table: "commission_lines");

            migrationBuilder.AddForeignKey(
                name: "fk_simulation_results_simulation_runs_run_id",
                table: "simulation_results",
                column: "run_id",
                principalTable: "simulation_runs",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
