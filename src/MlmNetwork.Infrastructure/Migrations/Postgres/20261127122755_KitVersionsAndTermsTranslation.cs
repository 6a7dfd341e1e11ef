using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KitVersionsAndTermsTranslation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "russian_body",
                table: "terms_versions",
                type: "character varying(100000)",
                maxLength: 100000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "starter_kits",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "shares_phone_with_recruits",
                table: "distributors",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "russian_body",
                table: "terms_versions");

            migrationBuilder.DropColumn(
                name: "version",
                table: "starter_kits");

            migrationBuilder.DropColumn(
                name: "shares_phone_with_recruits",
                table: "distributors");
        }
    }
}
