using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GenealogyCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_distributors_sponsor_id_downline_count_id",
                table: "distributors");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "downline_growth",
                columns: table => new
                {
                    distributor_id = table.Column<long>(type: "bigint", nullable: false),
                    period_key = table.Column<int>(type: "integer", nullable: false),
                    joined_count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_downline_growth", x => new { x.distributor_id, x.period_key });
                    table.ForeignKey(
                        name: "fk_downline_growth_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "downline_levels",
                columns: table => new
                {
                    distributor_id = table.Column<long>(type: "bigint", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    member_count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_downline_levels", x => new { x.distributor_id, x.level });
                    table.ForeignKey(
                        name: "fk_downline_levels_distributors_distributor_id",
                        column: x => x.distributor_id,
                        principalTable: "distributors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_distributors_search_key",
                table: "distributors",
                column: "search_key")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_distributors_sponsor_id_downline_count_id",
                table: "distributors",
                columns: new[] { "sponsor_id", "downline_count", "id" });

            // Backfill (hand-written SQL): the per-level counts (levels 1 to 20, NetworkSql.CountedLevels)
            // and the team growth per month of every distributor, from the tree as it stands.
            migrationBuilder.Sql(@"WITH RECURSIVE up(member_id, id, distance) AS (
    SELECT id, sponsor_id, 1 FROM distributors WHERE sponsor_id IS NOT NULL
    UNION ALL
    SELECT up.member_id, d.sponsor_id, up.distance + 1 FROM up JOIN distributors d ON d.id = up.id WHERE d.sponsor_id IS NOT NULL AND up.distance < 20
)
INSERT INTO downline_levels (distributor_id, level, member_count)
SELECT id, distance, COUNT(*) FROM up WHERE 1 = 1 GROUP BY id, distance");
            migrationBuilder.Sql(@"WITH RECURSIVE up(member_id, joined_key, id, distance) AS (
    SELECT id, CAST(to_char(joined_at AT TIME ZONE 'UTC', 'YYYYMM') AS integer), sponsor_id, 1 FROM distributors WHERE sponsor_id IS NOT NULL
    UNION ALL
    SELECT up.member_id, up.joined_key, d.sponsor_id, up.distance + 1 FROM up JOIN distributors d ON d.id = up.id WHERE d.sponsor_id IS NOT NULL AND up.distance < 1000000
)
INSERT INTO downline_growth (distributor_id, period_key, joined_count)
SELECT id, joined_key, COUNT(*) FROM up WHERE 1 = 1 GROUP BY id, joined_key");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "downline_growth");

            migrationBuilder.DropTable(
                name: "downline_levels");

            migrationBuilder.DropIndex(
                name: "ix_distributors_search_key",
                table: "distributors");

            migrationBuilder.DropIndex(
                name: "ix_distributors_sponsor_id_downline_count_id",
                table: "distributors");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_distributors_sponsor_id_downline_count_id",
                table: "distributors",
                columns: new[] { "sponsor_id", "downline_count", "id" },
                descending: new[] { false, true, false });
        }
    }
}
