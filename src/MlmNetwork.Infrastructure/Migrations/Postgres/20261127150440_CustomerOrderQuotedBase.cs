using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CustomerOrderQuotedBase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "unit_commission_base_cents",
                table: "customer_order_lines",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "unit_commission_base_cents",
                table: "customer_order_lines");
        }
    }
}
