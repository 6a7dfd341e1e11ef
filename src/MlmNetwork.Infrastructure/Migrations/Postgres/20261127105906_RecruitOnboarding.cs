using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RecruitOnboarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_distributors_products_starter_kit_product_id",
                table: "distributors");

            migrationBuilder.RenameColumn(
                name: "starter_kit_product_id",
                table: "distributors",
                newName: "starter_kit_id");

            migrationBuilder.RenameIndex(
                name: "ix_distributors_starter_kit_product_id",
                table: "distributors",
                newName: "ix_distributors_starter_kit_id");

            migrationBuilder.AddColumn<long>(
                name: "starter_kit_id",
                table: "sales",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "referral_link_shared_at",
                table: "distributors",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "starter_kits",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    price_cents = table.Column<long>(type: "bigint", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_starter_kits", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "terms_versions",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    body = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    change_note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_terms_versions", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "training_modules",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    video_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    is_published = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_modules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "starter_kit_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    starter_kit_id = table.Column<long>(type: "bigint", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_starter_kit_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_starter_kit_items_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_starter_kit_items_starter_kits_starter_kit_id",
                        column: x => x.starter_kit_id,
                        principalTable: "starter_kits",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "terms_acceptances",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    distributor_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    accepted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_terms_acceptances", x => x.id);
                    table.ForeignKey(
                        name: "fk_terms_acceptances_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_terms_acceptances_terms_versions_version",
                        column: x => x.version,
                        principalTable: "terms_versions",
                        principalColumn: "version",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_completions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    distributor_id = table.Column<long>(type: "bigint", nullable: false),
                    module_id = table.Column<long>(type: "bigint", nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_completions", x => x.id);
                    table.ForeignKey(
                        name: "fk_training_completions_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_training_completions_training_modules_module_id",
                        column: x => x.module_id,
                        principalTable: "training_modules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sales_starter_kit_id",
                table: "sales",
                column: "starter_kit_id");

            migrationBuilder.CreateIndex(
                name: "ix_starter_kit_items_product_id",
                table: "starter_kit_items",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_starter_kit_items_starter_kit_id_product_id",
                table: "starter_kit_items",
                columns: new[] { "starter_kit_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_terms_acceptances_distributor_id_version",
                table: "terms_acceptances",
                columns: new[] { "distributor_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_terms_acceptances_version_id",
                table: "terms_acceptances",
                columns: new[] { "version", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_training_completions_distributor_id_module_id",
                table: "training_completions",
                columns: new[] { "distributor_id", "module_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_completions_module_id",
                table: "training_completions",
                column: "module_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_modules_is_published_position_id",
                table: "training_modules",
                columns: new[] { "is_published", "position", "id" });

            // Hand-written (ADR 011): starter kits were products flagged is_starter_kit. Each becomes
            // a kit of that one product with the product's id, name, price and state, so that what a
            // distributor chose (starter_kit_product_id, renamed starter_kit_id) names its kit; and
            // the product keeps a commission base of zero, as a starter kit pays no commission (rule 9)
            // even when the product is sold on its own. Then the flag goes.
            migrationBuilder.Sql("""
                INSERT INTO starter_kits (id, name, description, price_cents, is_active, created_at, updated_at)
                SELECT id, name, '', price_cents, is_active, created_at, created_at FROM products WHERE is_starter_kit;
                INSERT INTO starter_kit_items (starter_kit_id, product_id, quantity)
                SELECT id, id, 1 FROM products WHERE is_starter_kit;
                UPDATE products SET commission_base_cents = 0 WHERE is_starter_kit;
                SELECT setval(pg_get_serial_sequence('starter_kits', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM starter_kits), 1), (SELECT COUNT(*) > 0 FROM starter_kits));
                """);

            migrationBuilder.DropColumn(
                name: "is_starter_kit",
                table: "products");

            migrationBuilder.AddForeignKey(
                name: "fk_distributors_starter_kits_starter_kit_id",
                table: "distributors",
                column: "starter_kit_id",
                principalTable: "starter_kits",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_sales_starter_kits_starter_kit_id",
                table: "sales",
                column: "starter_kit_id",
                principalTable: "starter_kits",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_distributors_starter_kits_starter_kit_id",
                table: "distributors");

            migrationBuilder.DropForeignKey(
                name: "fk_sales_starter_kits_starter_kit_id",
                table: "sales");

            // Hand-written: the old column named products; a kit that was not made from a product has none.
            migrationBuilder.Sql("UPDATE distributors SET starter_kit_id = NULL WHERE starter_kit_id NOT IN (SELECT id FROM products);");

            migrationBuilder.DropTable(
                name: "starter_kit_items");

            migrationBuilder.DropTable(
                name: "terms_acceptances");

            migrationBuilder.DropTable(
                name: "training_completions");

            migrationBuilder.DropTable(
                name: "starter_kits");

            migrationBuilder.DropTable(
                name: "terms_versions");

            migrationBuilder.DropTable(
                name: "training_modules");

            migrationBuilder.DropIndex(
                name: "ix_sales_starter_kit_id",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "starter_kit_id",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "referral_link_shared_at",
                table: "distributors");

            migrationBuilder.RenameColumn(
                name: "starter_kit_id",
                table: "distributors",
                newName: "starter_kit_product_id");

            migrationBuilder.RenameIndex(
                name: "ix_distributors_starter_kit_id",
                table: "distributors",
                newName: "ix_distributors_starter_kit_product_id");

            migrationBuilder.AddColumn<bool>(
                name: "is_starter_kit",
                table: "products",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddForeignKey(
                name: "fk_distributors_products_starter_kit_product_id",
                table: "distributors",
                column: "starter_kit_product_id",
                principalTable: "products",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
