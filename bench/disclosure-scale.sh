#!/usr/bin/env bash
# Times the income disclosure at 1,000,000 distributors on PostgreSQL: a throwaway cluster, the
# app's migrations, then one million distributors and a year of earner_month_totals and payouts
# written by SQL (the figures the disclosure reads), and the admin's preview of that year
# through the running app. Prints the app's own log line "Generated the income disclosure ...
# in N ms" and the page's response time.   Usage: bench/disclosure-scale.sh [distributors]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
port=${MLM_APP_PORT:-5142}
source scripts/throwaway-postgres.sh
psql_run() { psql "postgresql://postgres@127.0.0.1:${MLM_TEST_PG_PORT:-55432}/mlm_scale" -v ON_ERROR_STOP=1 -q "$@"; }
psql "postgresql://postgres@127.0.0.1:${MLM_TEST_PG_PORT:-55432}/postgres" -q -c "CREATE DATABASE mlm_scale"
dotnet build -c Release src/MlmNetwork.Web -v q >/dev/null
log=$(mktemp)
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
ConnectionStrings__Default="Host=127.0.0.1;Port=${MLM_TEST_PG_PORT:-55432};Username=postgres;Database=mlm_scale" \
Bootstrap__AdminEmail=admin@scale.example.com Bootstrap__AdminPassword='Scale-pass-2026!' \
    dotnet src/MlmNetwork.Web/bin/Release/net10.0/MlmNetwork.Web.dll >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; stop_throwaway_postgres' EXIT
until grep -q "Now listening" "$log"; do sleep 1; done
echo "Writing $count distributors, a year of earnings and payouts..."
time psql_run <<SQL
INSERT INTO distributors (id, name, email, search_key, referral_code, sponsor_id, is_house, status, depth, joined_at, terminated_at, direct_recruit_count, downline_count)
SELECT i, 'Distributor ' || i, 'd' || i || '@scale.example.com', '', upper(lpad(to_hex(i), 8, '0')), (SELECT id FROM distributors WHERE is_house), false,
       CASE WHEN i % 23 = 0 THEN 1 WHEN i % 97 = 0 THEN 2 ELSE 0 END, 1,
       TIMESTAMPTZ '2026-11-01' - (i % 1200) * INTERVAL '1 day',
       CASE WHEN i % 97 = 0 THEN TIMESTAMPTZ '2026-11-01' - (i % 700) * INTERVAL '1 day' END, 0, 0
FROM generate_series(1000, 1000 + $count - 1) i;
INSERT INTO earner_month_totals (distributor_id, period_key, amount_cents)
SELECT i, p, (i::bigint * 7919 + p) % 40000 - 300 FROM generate_series(1000, 1000 + $count - 1) i,
       unnest(ARRAY[202511, 202512, 202601, 202602, 202603, 202604, 202605, 202606, 202607, 202608, 202609, 202610]) p
WHERE i % 3 <> 0;
INSERT INTO payouts (distributor_id, amount_cents, up_to_period_key, period_key, paid_on, reference, recorded_at, recorded_by)
SELECT i, 1000 + i % 9000, p, p, DATE '2026-11-05', 'SCALE', TIMESTAMPTZ '2026-11-05', 'scale'
FROM generate_series(1000, 1000 + $count - 1) i, unnest(ARRAY[202511, 202602, 202605, 202608]) p WHERE i % 5 = 0;
INSERT INTO commission_periods (period_key, closed_at, closed_by, plan_version, min_personal_volume_cents)
SELECT p, TIMESTAMPTZ '2026-11-02', 'scale', (SELECT MIN(version) FROM commission_plans), 0
FROM unnest(ARRAY[202511, 202512, 202601, 202602, 202603, 202604, 202605, 202606, 202607, 202608, 202609, 202610]) p;
VACUUM ANALYZE;
SQL
jar=$(mktemp)
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
t=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/Account/Login" | token)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "Input.Email=admin@scale.example.com" --data-urlencode "Input.Password=Scale-pass-2026!" --data-urlencode "__RequestVerificationToken=$t" "http://127.0.0.1:$port/Account/Login"
for run in 1 2 3; do
    curl -s -b "$jar" -o /dev/null -w "preview of 2025-11..2026-10, run $run: HTTP %{http_code} in %{time_total} s\n" "http://127.0.0.1:$port/Admin/Reports/IncomeDisclosure?from=2025-11&to=2026-10"
done
curl -s -b "$jar" -o /dev/null -w "finance report, 12 months: HTTP %{http_code} in %{time_total} s\n" "http://127.0.0.1:$port/Admin/Reports/Finance?from=2025-11&to=2026-10"
grep "Generated the income disclosure" "$log"
echo "app peak RSS: $(grep VmHWM /proc/$app/status)"
