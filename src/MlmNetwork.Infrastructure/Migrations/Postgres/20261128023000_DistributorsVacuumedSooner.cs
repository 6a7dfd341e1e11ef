using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <summary>
    /// Every sign-up rewrites the tree counters of each of its ancestors' rows, and the counter is
    /// indexed, so none of those updates is HOT: a burst of sign-ups leaves thousands of dead row
    /// versions that a leader's "newest recruits" read walks (4.1 ms instead of 0.16 ms at
    /// 1,000,000; docs/SCALING.md). PostgreSQL's default waits for 20% of the table to be dead
    /// before vacuuming it; this table is vacuumed after 1% (plus 1,000 rows). No model change.
    /// </summary>
    [DbContext(typeof(NpgsqlMlmDbContext))]
    [Migration("20261128023000_DistributorsVacuumedSooner")]
    public partial class DistributorsVacuumedSooner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("ALTER TABLE distributors SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000);");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("ALTER TABLE distributors RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold);");
    }
}
