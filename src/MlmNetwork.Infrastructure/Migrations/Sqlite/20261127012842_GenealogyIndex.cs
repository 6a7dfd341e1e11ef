using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GenealogyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_distributors_sponsor_id_downline_count",
                table: "distributors",
                columns: new[] { "sponsor_id", "downline_count" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_distributors_sponsor_id_downline_count",
                table: "distributors");
        }
    }
}
