using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordEarlierRefunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Refunds made before partial refunds existed were whole: each becomes a recorded refund
            // with its key, its reversing lines and every quantity taken back.
            migrationBuilder.Sql(@"INSERT INTO sale_refunds (sale_id, idempotency_key, request_hash, created_at, total_cents, base_cents, completes, description)
                SELECT id, refund_idempotency_key, '', refunded_at, total_cents, base_cents, TRUE, 'the whole sale' FROM sales
                WHERE refunded_at IS NOT NULL AND refund_idempotency_key IS NOT NULL");
            migrationBuilder.Sql(@"UPDATE commission_lines SET sale_refund_id = (SELECT r.id FROM sale_refunds r WHERE r.sale_id = commission_lines.sale_id)
                WHERE kind = 1 AND sale_refund_id IS NULL AND EXISTS (SELECT 1 FROM sales s WHERE s.id = commission_lines.sale_id AND s.refunded_at = commission_lines.created_at)");
            migrationBuilder.Sql(@"UPDATE sale_lines SET refunded_quantity = quantity WHERE sale_id IN (SELECT id FROM sales WHERE refunded_at IS NOT NULL)");
            migrationBuilder.Sql(@"UPDATE sales SET refund_count = 1 WHERE refunded_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
