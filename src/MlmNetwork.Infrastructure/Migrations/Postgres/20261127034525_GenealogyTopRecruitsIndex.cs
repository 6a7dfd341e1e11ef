using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GenealogyTopRecruitsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_distributors_sponsor_id_downline_count",
                table: "distributors");

            migrationBuilder.CreateIndex(
                name: "ix_distributors_sponsor_id_downline_count_id",
                table: "distributors",
                columns: new[] { "sponsor_id", "downline_count", "id" },
                descending: new[] { false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_distributors_sponsor_id_downline_count_id",
                table: "distributors");

            migrationBuilder.CreateIndex(
                name: "ix_distributors_sponsor_id_downline_count",
                table: "distributors",
                columns: new[] { "sponsor_id", "downline_count" });
        }
    }
}
