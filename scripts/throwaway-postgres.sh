# Sourced by test.sh and bench/run.sh: unless MLM_TEST_POSTGRES is already set, starts a private
# PostgreSQL cluster on 127.0.0.1 (port MLM_TEST_PG_PORT, default 55432), exports
# MLM_TEST_POSTGRES for it, and removes it when the calling script exits. The machine needs
# PostgreSQL installed, not running. PG_SERVER_OPTIONS adds server settings (-c name=value ...).
if [ -z "${MLM_TEST_POSTGRES:-}" ]; then
    source "$(dirname "${BASH_SOURCE[0]}")/postgres-tools.sh"
    pg_port=${MLM_TEST_PG_PORT:-55432}
    pg_dir=$(mktemp -d /tmp/mlmnetwork-pg.XXXXXX)
    [ ${#as_pg[@]} -eq 0 ] || chown postgres "$pg_dir"
    "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-sync >"$pg_dir/initdb.log" 2>&1 \
        || { cat "$pg_dir/initdb.log" >&2; exit 1; }
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 ${PG_SERVER_OPTIONS:-}" \
        start >/dev/null
    stop_throwaway_postgres() {
        "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$pg_dir"
    }
    trap stop_throwaway_postgres EXIT
    export MLM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    echo "Started a throwaway PostgreSQL on 127.0.0.1:$pg_port"
fi
