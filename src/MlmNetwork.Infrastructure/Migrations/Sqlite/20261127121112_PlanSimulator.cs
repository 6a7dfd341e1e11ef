using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanSimulator : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_drafts", x => x.id);
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "distributor_changes");

            migrationBuilder.DropTable(
                name: "simulation_results");

            migrationBuilder.DropTable(
                name: "simulation_runs");

            migrationBuilder.DropTable(
                name: "plan_drafts");
        }
    }
}
