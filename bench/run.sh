#!/usr/bin/env bash
# The benchmark, on a throwaway PostgreSQL with durable settings (fsync on) tuned for a
# 2-core, 24 GiB machine. Arguments go to the benchmark, e.g.:
#   bench/run.sh --distributors 1000000 --sales 1000000
set -euo pipefail
cd "$(dirname "$0")/.."

# The load phases drive the running app with wrk (Debian's package).
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing wrk for the load phases"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    else
        echo "The benchmark needs wrk: sudo apt-get install -y wrk" >&2
        exit 1
    fi
fi

MLM_TEST_PG_PORT=${MLM_TEST_PG_PORT:-55433}
# Exported: the read replica the benchmark starts for its replica phases (deploy/local-cluster.sh) runs with the same settings.
export PG_SERVER_OPTIONS="-c shared_buffers=4GB -c work_mem=64MB -c maintenance_work_mem=1GB -c max_wal_size=16GB -c checkpoint_timeout=30min -c wal_compression=on"
source scripts/throwaway-postgres.sh
export MLM_BENCH_POSTGRES="$MLM_TEST_POSTGRES"

dotnet build -c Release src/MlmNetwork.Web -v quiet -nologo
dotnet run -c Release --project bench/MlmNetwork.Benchmarks -- --app src/MlmNetwork.Web/bin/Release/net10.0/MlmNetwork.Web.dll "$@"
