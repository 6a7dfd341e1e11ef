#!/usr/bin/env bash
# The admin's overview and sales list on a generated network: a throwaway PostgreSQL, the
# benchmark's generator and import (no web phases), then the app started on that database and
# each page requested 100 times with curl (p50, p95, max printed). Arguments: none; the size is
# 1,000,000 distributors and 100,000 sales (edit below). Needs port 5146 free.
set -euo pipefail
cd "$(dirname "$0")/.."
export MLM_TEST_PG_PORT=${MLM_TEST_PG_PORT:-55497}
COOKIES=$(mktemp)
APP_LOG=$(mktemp)
# Made up per run: the database is thrown away, and this is no real credential.
PASS="Bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')-A1!"
PG_SERVER_OPTIONS="-c shared_buffers=2GB -c work_mem=64MB -c maintenance_work_mem=1GB -c max_wal_size=16GB -c checkpoint_timeout=30min"
source scripts/throwaway-postgres.sh
export MLM_BENCH_POSTGRES="$MLM_TEST_POSTGRES"
dotnet build -c Release src/MlmNetwork.Web -v quiet -nologo
dotnet run -c Release --project bench/MlmNetwork.Benchmarks -- --distributors 1000000 --sales 100000 --no-copy --keep
DB="$MLM_TEST_POSTGRES;Database=mlm_bench_1000000_100000"
cd src/MlmNetwork.Web/bin/Release/net10.0
ConnectionStrings__Default="$DB" ASPNETCORE_ENVIRONMENT=Production Seed__Demo=false Bootstrap__AdminEmail=admin@bench.local Bootstrap__AdminPassword="$PASS" RateLimits__LoginPerMinute=1000 dotnet MlmNetwork.Web.dll --urls http://127.0.0.1:5146 > "$APP_LOG" 2>&1 &
APP=$!
for i in $(seq 1 360); do curl -sf http://127.0.0.1:5146/health >/dev/null && break; sleep 0.5; done
tok=$(curl -s -c "$COOKIES" http://127.0.0.1:5146/Account/Login | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -s -b "$COOKIES" -c "$COOKIES" -o /dev/null -w "login %{http_code}\n" --data-urlencode "Input.Email=admin@bench.local" --data-urlencode "Input.Password=$PASS" --data-urlencode "__RequestVerificationToken=$tok" http://127.0.0.1:5146/Account/Login
curl -s -b "$COOKIES" -o /dev/null -w "overview check %{http_code} %{size_download} bytes\n" http://127.0.0.1:5146/Admin
for page in "/Admin" "/Admin/Sales" "/Admin/Sales?status=Refunded" "/Admin?handler=Csv&table=months"; do
  for i in $(seq 1 5); do curl -s -b "$COOKIES" -o /dev/null "http://127.0.0.1:5146$page"; done
  for i in $(seq 1 100); do curl -s -b "$COOKIES" -o /dev/null -w "%{time_total}\n" "http://127.0.0.1:5146$page"; done | sort -n | awk -v p="$page" '{a[NR]=$1} END {printf "%s: n=%d p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", p, NR, a[int(NR*0.5)]*1000, a[int(NR*0.95)]*1000, a[NR]*1000}'
done
kill $APP
rm -f "$COOKIES"
