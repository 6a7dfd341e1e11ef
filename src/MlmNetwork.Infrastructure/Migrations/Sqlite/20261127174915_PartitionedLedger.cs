using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartitionedLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_commission_lines_commission_lines_reverses_line_id",
                table: "commission_lines");

            migrationBuilder.DropIndex(
                name: "ix_commission_lines_reverses_line_id1",
                table: "commission_lines");

            migrationBuilder.CreateIndex(
                name: "ix_commission_lines_reverses_line_id_period_key",
                table: "commission_lines",
                columns: new[] { "reverses_line_id", "period_key" },
                unique: true,
                filter: "kind = 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_commission_lines_reverses_line_id_period_key",
                table: "commission_lines");

            migrationBuilder.CreateIndex(
                name: "ix_commission_lines_reverses_line_id1",
                table: "commission_lines",
                column: "reverses_line_id",
                unique: true,
                filter: "kind = 2");

            migrationBuilder.AddForeignKey(
                name: "fk_commission_lines_commission_lines_reverses_line_id",
                table: "commission_lines",
                column: "reverses_line_id",
                principalTable: "commission_lines",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
