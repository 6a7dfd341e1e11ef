using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncomeDisclosure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "terminated_at",
                table: "distributors",
                type: "TEXT",
                nullable: true);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "published_disclosures");

            migrationBuilder.DropColumn(
                name: "terminated_at",
                table: "distributors");
        }
    }
}
