using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountsAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "address",
                table: "distributors",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "payout_account",
                table: "distributors",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone",
                table: "distributors",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "notification_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    subject_id = table.Column<long>(type: "INTEGER", nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    once_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    cursor = table.Column<long>(type: "INTEGER", nullable: false),
                    done_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notification_preferences",
                columns: table => new
                {
                    distributor_id = table.Column<long>(type: "INTEGER", nullable: false),
                    recruit_in_app = table.Column<bool>(type: "INTEGER", nullable: false),
                    recruit_email = table.Column<bool>(type: "INTEGER", nullable: false),
                    commissions = table.Column<int>(type: "INTEGER", nullable: false),
                    commission_in_app = table.Column<bool>(type: "INTEGER", nullable: false),
                    commission_email = table.Column<bool>(type: "INTEGER", nullable: false),
                    statement_in_app = table.Column<bool>(type: "INTEGER", nullable: false),
                    statement_email = table.Column<bool>(type: "INTEGER", nullable: false),
                    payout_in_app = table.Column<bool>(type: "INTEGER", nullable: false),
                    payout_email = table.Column<bool>(type: "INTEGER", nullable: false),
                    status_in_app = table.Column<bool>(type: "INTEGER", nullable: false),
                    status_email = table.Column<bool>(type: "INTEGER", nullable: false),
                    low_volume_in_app = table.Column<bool>(type: "INTEGER", nullable: false),
                    low_volume_email = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_preferences", x => x.distributor_id);
                    table.ForeignKey(
                        name: "fk_notification_preferences_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    distributor_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    link = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    in_app = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    read_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    once_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    to_address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    to_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    text_body = table.Column<string>(type: "TEXT", nullable: false),
                    html_body = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    sensitive = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    claimed_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    failed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notification_events_id",
                table: "notification_events",
                column: "id",
                filter: "done_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notification_events_once_key",
                table: "notification_events",
                column: "once_key",
                unique: true,
                filter: "once_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_distributor_id",
                table: "notifications",
                column: "distributor_id",
                filter: "in_app AND read_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_distributor_id_id",
                table: "notifications",
                columns: new[] { "distributor_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_distributor_id_once_key",
                table: "notifications",
                columns: new[] { "distributor_id", "once_key" },
                unique: true,
                filter: "once_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_failed_at",
                table: "outbox_messages",
                column: "failed_at",
                filter: "failed_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_next_attempt_at_id",
                table: "outbox_messages",
                columns: new[] { "next_attempt_at", "id" },
                filter: "sent_at IS NULL AND failed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notification_events");

            migrationBuilder.DropTable(
                name: "notification_preferences");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "address",
                table: "distributors");

            migrationBuilder.DropColumn(
                name: "payout_account",
                table: "distributors");

            migrationBuilder.DropColumn(
                name: "phone",
                table: "distributors");
        }
    }
}
