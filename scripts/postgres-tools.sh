# Sourced by scripts/throwaway-postgres.sh and deploy/local-cluster.sh: finds PostgreSQL's server
# tools (pg_bin: the newest /usr/lib/postgresql/*/bin, else the PATH's) and, as root, runs them as
# the postgres user (as_pg), since PostgreSQL refuses to run as root.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] || pg_bin=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")
if [ ! -x "$pg_bin/pg_ctl" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "PostgreSQL is not installed (no initdb/pg_ctl found). Install it (Debian: apt-get install postgresql)" >&2
    echo "or point MLM_TEST_POSTGRES at a server." >&2
    exit 1
fi
as_pg=()
if [ "$(id -u)" = 0 ]; then
    as_pg=(runuser -u postgres --)
fi
