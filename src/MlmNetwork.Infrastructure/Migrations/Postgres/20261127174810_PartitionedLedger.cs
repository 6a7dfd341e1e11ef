using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MlmNetwork.Infrastructure.Migrations.Postgres
{
    /// <summary>
    /// commission_lines becomes a table partitioned by month (period_key), keeping every line
    /// (ADR 019). Hand-written SQL: EF has no operation for declarative partitioning. The old table
    /// steps aside, the partitioned one is made with the same columns, a partition for every month
    /// that has lines and the months from now to three ahead, and a DEFAULT partition for anything
    /// else; the lines move across with their ids, then the keys and indexes are built once over the
    /// loaded partitions. The function commission_lines_ensure_month is the one place a month's
    /// partition is made: here, and by the app (LedgerPartitions) when a month has none yet.
    /// </summary>
    public partial class PartitionedLedger : Migration
    {
        private const string Columns = "id, sale_id, beneficiary_id, level, basis_points, amount_cents, plan_version, kind, created_at, period_key, distance, reason, reverses_line_id, sale_refund_id";

        private const string EnsureMonthFunction = """
            CREATE FUNCTION commission_lines_ensure_month(month_key integer) RETURNS boolean
            LANGUAGE plpgsql AS $$
            DECLARE
                next_key integer := CASE WHEN month_key % 100 = 12 THEN month_key + 89 ELSE month_key + 1 END;
                part text := 'commission_lines_' || month_key;
            BEGIN
                IF month_key % 100 NOT BETWEEN 1 AND 12 THEN
                    RAISE EXCEPTION 'Not a month key (yyyyMM): %', month_key;
                END IF;
                IF to_regclass(part) IS NOT NULL THEN
                    RETURN false;
                END IF;
                -- Made beside the table and attached with a CHECK that proves its range, so attaching
                -- locks the table only against other DDL (not against reads and writes); lines of the
                -- month that the DEFAULT partition caught meanwhile move in first.
                EXECUTE format('CREATE TABLE %I (LIKE commission_lines)', part);
                EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (period_key >= %s AND period_key < %s)', part, part || '_month', month_key, next_key);
                EXECUTE format('WITH moved AS (DELETE FROM commission_lines_default WHERE period_key >= %s AND period_key < %s RETURNING *) INSERT INTO %I SELECT * FROM moved', month_key, next_key, part);
                EXECUTE format('ALTER TABLE commission_lines ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)', part, month_key, next_key);
                EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', part, part || '_month');
                RETURN true;
            END $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE commission_lines RENAME TO commission_lines_unpartitioned;
                ALTER TABLE commission_lines_unpartitioned
                    DROP CONSTRAINT fk_commission_lines_commission_lines_reverses_line_id,
                    DROP CONSTRAINT fk_commission_lines_commission_plans_plan_version,
                    DROP CONSTRAINT fk_commission_lines_distributors_beneficiary_id,
                    DROP CONSTRAINT fk_commission_lines_sale_refund_sale_refund_id,
                    DROP CONSTRAINT fk_commission_lines_sales_sale_id,
                    DROP CONSTRAINT pk_commission_lines;
                DROP INDEX ix_commission_lines_beneficiary_id_id, ix_commission_lines_period_key, ix_commission_lines_period_key_beneficiary_id,
                    ix_commission_lines_plan_version, ix_commission_lines_reverses_line_id, ix_commission_lines_reverses_line_id1,
                    ix_commission_lines_sale_id, ix_commission_lines_sale_refund_id;
                ALTER TABLE commission_lines_unpartitioned ALTER COLUMN id DROP IDENTITY;

                CREATE SEQUENCE commission_lines_id_seq AS bigint;
                CREATE TABLE commission_lines (
                    id bigint NOT NULL DEFAULT nextval('commission_lines_id_seq'),
                    sale_id bigint NOT NULL,
                    beneficiary_id bigint NOT NULL,
                    level integer NOT NULL,
                    basis_points integer NOT NULL,
                    amount_cents bigint NOT NULL,
                    plan_version integer NOT NULL,
                    kind integer NOT NULL,
                    created_at timestamp with time zone NOT NULL,
                    period_key integer NOT NULL,
                    distance integer NOT NULL DEFAULT 0,
                    reason character varying(300),
                    reverses_line_id bigint,
                    sale_refund_id bigint
                ) PARTITION BY RANGE (period_key);
                ALTER SEQUENCE commission_lines_id_seq OWNED BY commission_lines.id;
                CREATE TABLE commission_lines_default PARTITION OF commission_lines DEFAULT;
                """);
            migrationBuilder.Sql(EnsureMonthFunction);
            migrationBuilder.Sql($"""
                SELECT commission_lines_ensure_month(k) FROM (
                    SELECT DISTINCT period_key FROM commission_lines_unpartitioned WHERE period_key % 100 BETWEEN 1 AND 12
                    UNION
                    SELECT to_char(date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => n), 'YYYYMM')::integer FROM generate_series(0, 3) n
                ) months(k) ORDER BY k;
                INSERT INTO commission_lines ({Columns}) SELECT {Columns} FROM commission_lines_unpartitioned;
                SELECT setval('commission_lines_id_seq', COALESCE((SELECT MAX(id) FROM commission_lines), 0) + 1, false);
                DROP TABLE commission_lines_unpartitioned;

                ALTER TABLE commission_lines ADD CONSTRAINT pk_commission_lines PRIMARY KEY (id, period_key);
                CREATE INDEX ix_commission_lines_beneficiary_id_id ON commission_lines (beneficiary_id, id);
                CREATE INDEX ix_commission_lines_period_key ON commission_lines (period_key) WHERE kind = 1;
                CREATE INDEX ix_commission_lines_period_key_beneficiary_id ON commission_lines (period_key, beneficiary_id);
                CREATE INDEX ix_commission_lines_plan_version ON commission_lines (plan_version);
                CREATE INDEX ix_commission_lines_reverses_line_id ON commission_lines (reverses_line_id);
                CREATE UNIQUE INDEX ix_commission_lines_reverses_line_id_period_key ON commission_lines (reverses_line_id, period_key) WHERE kind = 2;
                CREATE INDEX ix_commission_lines_sale_id ON commission_lines (sale_id);
                CREATE INDEX ix_commission_lines_sale_refund_id ON commission_lines (sale_refund_id);
                ALTER TABLE commission_lines
                    ADD CONSTRAINT fk_commission_lines_commission_plans_plan_version FOREIGN KEY (plan_version) REFERENCES commission_plans (version) ON DELETE RESTRICT,
                    ADD CONSTRAINT fk_commission_lines_distributors_beneficiary_id FOREIGN KEY (beneficiary_id) REFERENCES distributors (id) ON DELETE RESTRICT,
                    ADD CONSTRAINT fk_commission_lines_sale_refund_sale_refund_id FOREIGN KEY (sale_refund_id) REFERENCES sale_refunds (id) ON DELETE RESTRICT,
                    ADD CONSTRAINT fk_commission_lines_sales_sale_id FOREIGN KEY (sale_id) REFERENCES sales (id) ON DELETE RESTRICT;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                ALTER TABLE commission_lines RENAME TO commission_lines_partitioned;
                ALTER TABLE commission_lines_partitioned
                    DROP CONSTRAINT fk_commission_lines_commission_plans_plan_version,
                    DROP CONSTRAINT fk_commission_lines_distributors_beneficiary_id,
                    DROP CONSTRAINT fk_commission_lines_sale_refund_sale_refund_id,
                    DROP CONSTRAINT fk_commission_lines_sales_sale_id,
                    DROP CONSTRAINT pk_commission_lines;
                DROP INDEX ix_commission_lines_beneficiary_id_id, ix_commission_lines_period_key, ix_commission_lines_period_key_beneficiary_id,
                    ix_commission_lines_plan_version, ix_commission_lines_reverses_line_id, ix_commission_lines_reverses_line_id_period_key,
                    ix_commission_lines_sale_id, ix_commission_lines_sale_refund_id;
                ALTER SEQUENCE commission_lines_id_seq RENAME TO commission_lines_partitioned_id_seq;
                DROP FUNCTION commission_lines_ensure_month(integer);

                CREATE TABLE commission_lines (
                    id bigint GENERATED BY DEFAULT AS IDENTITY,
                    sale_id bigint NOT NULL,
                    beneficiary_id bigint NOT NULL,
                    level integer NOT NULL,
                    basis_points integer NOT NULL,
                    amount_cents bigint NOT NULL,
                    plan_version integer NOT NULL,
                    kind integer NOT NULL,
                    created_at timestamp with time zone NOT NULL,
                    period_key integer NOT NULL,
                    distance integer NOT NULL DEFAULT 0,
                    reason character varying(300),
                    reverses_line_id bigint,
                    sale_refund_id bigint
                );
                INSERT INTO commission_lines ({Columns}) SELECT {Columns} FROM commission_lines_partitioned;
                SELECT setval(pg_get_serial_sequence('commission_lines', 'id'), COALESCE((SELECT MAX(id) FROM commission_lines), 0) + 1, false);
                DROP TABLE commission_lines_partitioned;

                ALTER TABLE commission_lines ADD CONSTRAINT pk_commission_lines PRIMARY KEY (id);
                CREATE INDEX ix_commission_lines_beneficiary_id_id ON commission_lines (beneficiary_id, id);
                CREATE INDEX ix_commission_lines_period_key ON commission_lines (period_key) WHERE kind = 1;
                CREATE INDEX ix_commission_lines_period_key_beneficiary_id ON commission_lines (period_key, beneficiary_id);
                CREATE INDEX ix_commission_lines_plan_version ON commission_lines (plan_version);
                CREATE INDEX ix_commission_lines_reverses_line_id ON commission_lines (reverses_line_id);
                CREATE UNIQUE INDEX ix_commission_lines_reverses_line_id1 ON commission_lines (reverses_line_id) WHERE kind = 2;
                CREATE INDEX ix_commission_lines_sale_id ON commission_lines (sale_id);
                CREATE INDEX ix_commission_lines_sale_refund_id ON commission_lines (sale_refund_id);
                ALTER TABLE commission_lines
                    ADD CONSTRAINT fk_commission_lines_commission_lines_reverses_line_id FOREIGN KEY (reverses_line_id) REFERENCES commission_lines (id) ON DELETE RESTRICT,
                    ADD CONSTRAINT fk_commission_lines_commission_plans_plan_version FOREIGN KEY (plan_version) REFERENCES commission_plans (version) ON DELETE RESTRICT,
                    ADD CONSTRAINT fk_commission_lines_distributors_beneficiary_id FOREIGN KEY (beneficiary_id) REFERENCES distributors (id) ON DELETE RESTRICT,
                    ADD CONSTRAINT fk_commission_lines_sale_refund_sale_refund_id FOREIGN KEY (sale_refund_id) REFERENCES sale_refunds (id) ON DELETE RESTRICT,
                    ADD CONSTRAINT fk_commission_lines_sales_sale_id FOREIGN KEY (sale_id) REFERENCES sales (id) ON DELETE RESTRICT;
                """);
        }
    }
}
