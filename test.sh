#!/usr/bin/env bash
# Runs every test (domain, integration over HTTP, browser) against a real PostgreSQL.
#
# With MLM_TEST_POSTGRES set (an Npgsql connection string to a server whose user may create
# databases), the tests use that server. Without it, this script starts a throwaway
# PostgreSQL cluster of its own on 127.0.0.1 (the machine needs PostgreSQL installed, not
# running) and removes it afterwards. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

cleanup() { :; }
trap 'cleanup' EXIT

if [ -z "${MLM_TEST_POSTGRES:-}" ]; then
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$pg_bin" ] || pg_bin=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")
    if [ ! -x "$pg_bin/pg_ctl" ] || [ ! -x "$pg_bin/initdb" ]; then
        echo "PostgreSQL is not installed (no initdb/pg_ctl found). Install it (Debian: apt-get install postgresql)" >&2
        echo "or point MLM_TEST_POSTGRES at a server." >&2
        exit 1
    fi
    port=${MLM_TEST_PG_PORT:-55432}
    pg_dir=$(mktemp -d /tmp/mlmnetwork-pg.XXXXXX)
    as_pg=()
    if [ "$(id -u)" = 0 ]; then
        # PostgreSQL refuses to run as root: run the throwaway cluster as the postgres user.
        chown postgres "$pg_dir"
        as_pg=(runuser -u postgres --)
    fi
    "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-sync >"$pg_dir/initdb.log" 2>&1 \
        || { cat "$pg_dir/initdb.log" >&2; exit 1; }
    # Durability settings off: a test database is thrown away, so fsync buys nothing here.
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null
    cleanup() {
        "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$pg_dir"
    }
    export MLM_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    echo "Started a throwaway PostgreSQL on 127.0.0.1:$port"
fi

dotnet test MlmNetwork.sln -c Release --logger "console;verbosity=normal" "$@"
