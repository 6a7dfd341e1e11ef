using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SaleBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sale_batches",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sale_count = table.Column<int>(type: "INTEGER", nullable: false),
                    line_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total_base_cents = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_batches", x => x.key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sale_batches");
        }
    }
}
