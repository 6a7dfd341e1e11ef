#!/usr/bin/env bash
# Runs every test (domain, integration over HTTP, browser) against a real PostgreSQL.
#
# On a fresh Debian machine with only the .NET SDK it first installs PostgreSQL's server and
# Chromium when run as root, or says what to install (scripts/test-prerequisites.sh).
#
# With MLM_TEST_POSTGRES set (an Npgsql connection string to a server whose user may create
# databases), the tests use that server. Without it, a throwaway PostgreSQL cluster is started
# on 127.0.0.1 and removed afterwards (scripts/throwaway-postgres.sh). Extra arguments go to
# `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

# Durability off: a test database is thrown away, so fsync buys nothing here.
PG_SERVER_OPTIONS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
source scripts/test-prerequisites.sh
source scripts/throwaway-postgres.sh

dotnet test MlmNetwork.sln -c Release --logger "console;verbosity=normal" "$@"
