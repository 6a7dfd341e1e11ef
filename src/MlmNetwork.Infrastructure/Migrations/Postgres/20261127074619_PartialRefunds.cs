using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartialRefunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_commission_lines_reverses_line_id_kind",
                table: "commission_lines");

            migrationBuilder.AddColumn<int>(
                name: "refund_count",
                table: "sales",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "refunded_quantity",
                table: "sale_lines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "sale_refund_id",
                table: "commission_lines",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "sale_refunds",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sale_id = table.Column<long>(type: "bigint", nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    total_cents = table.Column<long>(type: "bigint", nullable: false),
                    base_cents = table.Column<long>(type: "bigint", nullable: false),
                    completes = table.Column<bool>(type: "boolean", nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_refunds", x => x.id);
                    table.ForeignKey(
                        name: "fk_sale_refunds_sales_sale_id",
                        column: x => x.sale_id,
                        principalTable: "sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_commission_lines_reverses_line_id",
                table: "commission_lines",
                column: "reverses_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_commission_lines_reverses_line_id1",
                table: "commission_lines",
                column: "reverses_line_id",
                unique: true,
                filter: "kind = 2");

            migrationBuilder.CreateIndex(
                name: "ix_commission_lines_sale_refund_id",
                table: "commission_lines",
                column: "sale_refund_id");

            migrationBuilder.CreateIndex(
                name: "ix_sale_refunds_idempotency_key",
                table: "sale_refunds",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sale_refunds_sale_id",
                table: "sale_refunds",
                column: "sale_id");

            migrationBuilder.AddForeignKey(
                name: "fk_commission_lines_sale_refund_sale_refund_id",
                table: "commission_lines",
                column: "sale_refund_id",
                principalTable: "sale_refunds",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_commission_lines_sale_refund_sale_refund_id",
                table: "commission_lines");

            migrationBuilder.DropTable(
                name: "sale_refunds");

            migrationBuilder.DropIndex(
                name: "ix_commission_lines_reverses_line_id",
                table: "commission_lines");

            migrationBuilder.DropIndex(
                name: "ix_commission_lines_reverses_line_id1",
                table: "commission_lines");

            migrationBuilder.DropIndex(
                name: "ix_commission_lines_sale_refund_id",
                table: "commission_lines");

            migrationBuilder.DropColumn(
                name: "refund_count",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "refunded_quantity",
                table: "sale_lines");

            migrationBuilder.DropColumn(
                name: "sale_refund_id",
                table: "commission_lines");

            migrationBuilder.CreateIndex(
                name: "ix_commission_lines_reverses_line_id_kind",
                table: "commission_lines",
                columns: new[] { "reverses_line_id", "kind" },
                unique: true);
        }
    }
}
