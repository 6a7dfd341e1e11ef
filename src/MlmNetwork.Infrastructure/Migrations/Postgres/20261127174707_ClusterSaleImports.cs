using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClusterSaleImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sale_imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    total = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    @checked = table.Column<int>(name: "checked", type: "integer", nullable: false),
                    written = table.Column<int>(type: "integer", nullable: false),
                    post_good_orders = table.Column<bool>(type: "boolean", nullable: false),
                    batch_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false),
                    errors = table.Column<string>(type: "text", nullable: false),
                    header = table.Column<string>(type: "text", nullable: false),
                    refused = table.Column<string>(type: "text", nullable: false),
                    refused_count = table.Column<int>(type: "integer", nullable: false),
                    already_imported = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_imports", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sale_imports_started_at",
                table: "sale_imports",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_sale_imports_state",
                table: "sale_imports",
                column: "state");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sale_imports");
        }
    }
}
