# Sourced by test.sh: makes sure what the tests need beyond the .NET SDK is installed — PostgreSQL's
# server binaries (unless MLM_TEST_POSTGRES names a server), Chromium for the browser tests, and
# HAProxy and curl for the cluster test.
# As root it installs what is missing with apt-get; otherwise it says exactly what to install and stops.
missing=()
if [ -z "${MLM_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
    && ! { command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; }; then
    missing+=(postgresql)
fi
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    missing+=(chromium)
fi
# The cluster test runs two instances behind HAProxy (deploy/local-cluster.sh).
for tool in haproxy curl; do
    command -v $tool >/dev/null 2>&1 || missing+=($tool)
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing what the tests need: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "The tests need: ${missing[*]}. Install them, then run ./test.sh again:" >&2
        echo "    sudo apt-get install -y ${missing[*]}" >&2
        [[ " ${missing[*]} " == *" postgresql "* ]] && echo "(or set MLM_TEST_POSTGRES to a PostgreSQL server of yours)" >&2
        [[ " ${missing[*]} " == *" chromium "* ]] && echo "(or set CHROMIUM_PATH to a Chromium or Chrome binary)" >&2
        exit 1
    fi
fi
