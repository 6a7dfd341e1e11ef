#!/usr/bin/env bash
# ADR 019's figures: the benchmark at 100,000 with commission_lines' foreign keys dropped for the
# import and raw COPY (then put back), and on the database it keeps, a raw binary COPY of the same
# lines, in turn and rolled back, into the partitioned table and into one flat table made like the
# table before partitioning, with and without foreign keys. Needs psql and bc.
#   MLM_TEST_PG_PORT=55473 bench/ledger-copy-ab.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MLM_TEST_PG_PORT=${MLM_TEST_PG_PORT:-55433}
PG_SERVER_OPTIONS="-c shared_buffers=4GB -c work_mem=64MB -c maintenance_work_mem=1GB -c max_wal_size=16GB -c checkpoint_timeout=30min -c wal_compression=on"
source scripts/throwaway-postgres.sh
export MLM_BENCH_POSTGRES="$MLM_TEST_POSTGRES"
lines=$(mktemp /tmp/mlm-lines.XXXXXX)
trap 'rm -f "$lines"; stop_throwaway_postgres 2>/dev/null || true' EXIT
uptime
dotnet run -c Release --project bench/MlmNetwork.Benchmarks -- --distributors 100000 --sales 100000 --drop-line-keys --keep
uptime
P=(psql -h 127.0.0.1 -p "$MLM_TEST_PG_PORT" -U postgres -d mlm_bench_100000_100000 -v ON_ERROR_STOP=1 -q -X)
cols="sale_id, beneficiary_id, level, distance, basis_points, amount_cents, plan_version, kind, created_at, period_key"
"${P[@]}" -c "\\copy (SELECT $cols FROM commission_lines ORDER BY id) TO '$lines' WITH (FORMAT binary)"
"${P[@]}" -c "SELECT COUNT(*) AS lines FROM commission_lines"
"${P[@]}" <<'SQL'
DROP TABLE IF EXISTS cl_flat;
CREATE TABLE cl_flat (LIKE commission_lines INCLUDING DEFAULTS);
INSERT INTO cl_flat SELECT * FROM commission_lines;
ALTER TABLE cl_flat ADD PRIMARY KEY (id);
CREATE INDEX ON cl_flat (beneficiary_id, id);
CREATE INDEX ON cl_flat (period_key) WHERE kind = 1;
CREATE INDEX ON cl_flat (period_key, beneficiary_id);
CREATE INDEX ON cl_flat (plan_version);
CREATE INDEX ON cl_flat (reverses_line_id);
CREATE UNIQUE INDEX ON cl_flat (reverses_line_id) WHERE kind = 2;
CREATE INDEX ON cl_flat (sale_id);
CREATE INDEX ON cl_flat (sale_refund_id);
ALTER TABLE cl_flat
  ADD CONSTRAINT flat_self FOREIGN KEY (reverses_line_id) REFERENCES cl_flat (id),
  ADD CONSTRAINT flat_plan FOREIGN KEY (plan_version) REFERENCES commission_plans (version),
  ADD CONSTRAINT flat_ben FOREIGN KEY (beneficiary_id) REFERENCES distributors (id),
  ADD CONSTRAINT flat_refund FOREIGN KEY (sale_refund_id) REFERENCES sale_refunds (id),
  ADD CONSTRAINT flat_sale FOREIGN KEY (sale_id) REFERENCES sales (id);
VACUUM ANALYZE cl_flat;
VACUUM ANALYZE commission_lines;
CHECKPOINT;
SQL
copy_into() { # table, drop-keys-sql
  local start end
  start=$(date +%s.%N)
  "${P[@]}" <<SQL
BEGIN;
$2
\\copy $1 ($cols) FROM '$lines' WITH (FORMAT binary)
ROLLBACK;
SQL
  end=$(date +%s.%N)
  printf '%-44s %6.1f s   load %s\n' "$3" "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
PART_NOKEYS="ALTER TABLE commission_lines DROP CONSTRAINT fk_commission_lines_commission_plans_plan_version, DROP CONSTRAINT fk_commission_lines_distributors_beneficiary_id, DROP CONSTRAINT fk_commission_lines_sale_refund_sale_refund_id, DROP CONSTRAINT fk_commission_lines_sales_sale_id;"
PART_SALEKEY="ALTER TABLE commission_lines DROP CONSTRAINT fk_commission_lines_commission_plans_plan_version, DROP CONSTRAINT fk_commission_lines_distributors_beneficiary_id, DROP CONSTRAINT fk_commission_lines_sale_refund_sale_refund_id;"
FLAT_NOKEYS="ALTER TABLE cl_flat DROP CONSTRAINT flat_self, DROP CONSTRAINT flat_plan, DROP CONSTRAINT flat_ben, DROP CONSTRAINT flat_refund, DROP CONSTRAINT flat_sale;"
for round in 1 2; do
  copy_into cl_flat "" "round $round: flat, 5 foreign keys (as before)"
  copy_into commission_lines "" "round $round: partitioned, 4 foreign keys (now)"
  copy_into cl_flat "$FLAT_NOKEYS" "round $round: flat, no foreign key"
  copy_into commission_lines "$PART_NOKEYS" "round $round: partitioned, no foreign key"
  copy_into commission_lines "$PART_SALEKEY" "round $round: partitioned, only the sale's key"
done
"${P[@]}" -c "DROP TABLE cl_flat"
uptime
