#!/usr/bin/env bash
# MlmNetwork past one process, on this machine's loopback: N app instances behind HAProxy
# (deploy/haproxy.cfg, round-robin, no sticky sessions) on one PostgreSQL primary, and with
# --replica a streaming replica made by pg_basebackup that the instances read their read-only
# pages from (ConnectionStrings__Replica, preferring the standby, falling back to the primary).
#
#   deploy/local-cluster.sh start [options]        starts everything, prints the proxy's address
#   deploy/local-cluster.sh stop [--dir DIR]       stops everything it started and removes DIR
#                                                  (also what a start that failed half-way left)
#   deploy/local-cluster.sh kill-instance I [--dir DIR]    kills instance I (SIGKILL, as a crash)
#   deploy/local-cluster.sh start-instance I [--dir DIR]   starts instance I again
#   deploy/local-cluster.sh status [--dir DIR]
#
# Options of start:
#   --instances N       app instances (2)
#   --proxy-port P      HAProxy listens on 127.0.0.1:P (8088; docker compose's app has 8080)
#   --app-port A        instance I listens on 127.0.0.1:A+I-1 (5101)
#   --pg-port G         the primary this script starts listens on G (15440); the replica on G+1
#                       (ports below 32768, where Linux picks no outgoing connection's port)
#   --primary CONN      use this PostgreSQL server (an Npgsql connection string whose user may create
#                       databases and, for --replica, replicate) instead of starting one
#   --database NAME     the app's database (mlmnetwork)
#   --replica           also start a streaming replica and send the read paths to it
#   --replica-port R    the replica's port (G+1)
#   --app-dll PATH      the app to run (default: src/MlmNetwork.Web's Release build, brought up to date)
#   --dir DIR           where pids, logs, mails and the clusters' files go (/tmp/mlmnetwork-cluster); an
#                       empty or new folder: stop removes it, the databases with it
# The instances get the caller's environment (Bootstrap__*, Seed__Demo, RateLimits__* ...) plus
# ASPNETCORE_URLS, the connection strings and App__PublicBaseUrl (the proxy's address);
# start-instance gives a restarted instance the environment it is run with, so repeat those settings.
# PG_SERVER_OPTIONS adds server settings (-c name=value ...) to the clusters this script starts.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

command=${1:-}
[ $# -gt 0 ] && shift
instance_arg=
if [[ "$command" == kill-instance || "$command" == start-instance ]]; then
    instance_arg=${1:?"which instance? e.g. $0 $command 1"}
    shift
fi

instances=2 proxy_port=8088 app_port=5101 pg_port=15440 primary= database=mlmnetwork replica=0 replica_port= app_dll= dir=/tmp/mlmnetwork-cluster
while [ $# -gt 0 ]; do
    case "$1" in
        --instances) instances=$2; shift 2 ;;
        --proxy-port) proxy_port=$2; shift 2 ;;
        --app-port) app_port=$2; shift 2 ;;
        --pg-port) pg_port=$2; shift 2 ;;
        --primary) primary=$2; shift 2 ;;
        --database) database=$2; shift 2 ;;
        --replica) replica=1; shift ;;
        --replica-port) replica_port=$2; shift 2 ;;
        --app-dll) app_dll=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        *) echo "Unknown option $1 (see the top of $0)" >&2; exit 2 ;;
    esac
done

# PostgreSQL resolves its socket folder against its data folder: the cluster's folder must be absolute.
if [ "$command" = start ]; then
    mkdir -p "$dir"
elif [ ! -d "$dir" ]; then
    echo "No cluster runs from $dir" >&2
    [ "$command" = stop ] && exit 0 || exit 1
fi
dir=$(cd "$dir" && pwd)
# The mark of a folder this script made: stop removes only such a folder (a typo in --dir must never wipe another).
marker="$dir/.mlmnetwork-cluster"

if [[ "$command" == kill-instance || "$command" == start-instance ]] && ! [[ "$instance_arg" =~ ^[1-9][0-9]{0,2}$ ]]; then
    echo "$instance_arg is not an instance number (1, 2, ... up to 999)." >&2
    exit 2
fi

# One setting of an Npgsql connection string (case-insensitive key), or the default.
setting() {
    local value
    value=$(tr ';' '\n' <<<"$1" | awk -F= -v k="$2" 'tolower($1) == tolower(k) { sub(/^[^=]*=/, ""); print; exit }')
    echo "${value:-$3}"
}

# Waits until the process in pid file $4 (when given) answers /health on $port; fails at once if
# that process died (a port already taken by something else must not pass for it).
wait_healthy() {
    local port=$1 name=$2 log=$3 pid_file=${4:-}
    for _ in $(seq 1 240); do
        if [ -n "$pid_file" ] && ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
            echo "$name stopped while starting (is port $port already in use?); the end of its log ($log):" >&2
            tail -n 20 "$log" >&2 || true
            return 1
        fi
        if curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; then
            return 0
        fi
        sleep 0.5
    done
    echo "$name did not become healthy on port $port; the end of its log ($log):" >&2
    tail -n 40 "$log" >&2 || true
    return 1
}

start_instance() {
    local i=$1
    local port=$((app_port + i - 1))
    (
        cd "$dir"
        export ASPNETCORE_URLS="http://127.0.0.1:$port"
        export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
        # The page assets (wwwroot) and appsettings.json are the project's; the build output has neither.
        export ASPNETCORE_CONTENTROOT="$repo/src/MlmNetwork.Web"
        export ConnectionStrings__Default="$default_connection"
        export App__PublicBaseUrl="${App__PublicBaseUrl:-http://127.0.0.1:$proxy_port}"
        export Mail__PickupDirectory="${Mail__PickupDirectory:-$dir/mail}"
        if [ -n "$replica_connection" ]; then
            export ConnectionStrings__Replica="$replica_connection"
        fi
        # Appended: a restart keeps the log of what went before (a crash being looked into).
        exec dotnet "$app_dll" >>"$dir/app-$i.log" 2>&1
    ) &
    echo $! >"$dir/app-$i.pid"
}

stop_pid_file() {
    local file=$1 signal=${2:-TERM}
    [ -f "$file" ] || return 0
    local pid
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill "-$signal" "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

# Waits until HAProxy has instance $1 in its rotation (it takes 2 passing health checks after a start).
wait_in_rotation() {
    for _ in $(seq 1 120); do
        if curl -fsS --unix-socket "$dir/haproxy-stats.sock" "http://proxy/;csv" 2>/dev/null | awk -F, -v s="app$1" '$1 == "app" && $2 == s { print $18 }' | grep -q '^UP'; then
            return 0
        fi
        sleep 0.25
    done
    echo "HAProxy did not take instance $1 back into its rotation" >&2
    return 1
}

start_postgres() {
    local data=$1 port=$2
    if ! "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$data.log" -w -t 120 \
        -o "-p $port -k $dir/pg -c listen_addresses=127.0.0.1 -c max_connections=300 -c hot_standby=on ${PG_SERVER_OPTIONS:-}" start >/dev/null; then
        echo "PostgreSQL ($(basename "$data")) did not start on port $port; the end of its log:" >&2
        tail -n 10 "$data.log" >&2 || true
        return 1
    fi
}

# Stops whatever runs from $dir (proxy, instances, the clusters) and removes it: after a stop,
# and, keeping the logs, after a start that failed half-way.
stop_all() {
    local keep_logs=${1:-}
    source "$repo/scripts/postgres-tools.sh"
    stop_pid_file "$dir/haproxy.pid"
    for file in "$dir"/app-*.pid; do stop_pid_file "$file"; done
    for data in "$dir/pg/replica" "$dir/pg/primary"; do
        if [ -f "$data/postmaster.pid" ]; then
            "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
        fi
    done
    if [ -n "$keep_logs" ]; then
        mkdir -p "$dir/logs-of-failed-start"
        find "$dir/pg" -maxdepth 1 -name '*.log' -exec mv {} "$dir/logs-of-failed-start/" \; 2>/dev/null || true
        rm -rf "$dir/pg" "$dir/cluster.env" "$dir/haproxy.cfg" "$dir/haproxy-stats.sock"
        echo "Its logs are kept in $dir" >&2
    else
        # Only what this script puts there, then the folder if nothing else is left in it.
        rm -rf "$dir/pg" "$dir/mail" "$dir/logs-of-failed-start" "$dir/cluster.env" "$dir/haproxy.cfg" "$dir/haproxy-stats.sock" \
            "$dir"/*.pid "$dir"/*.log "$marker"
        rmdir "$dir" 2>/dev/null || echo "Left $dir in place: it holds files this script did not make." >&2
    fi
}

# What PostgreSQL server $1 (a port) says it is: primary, replica (with its replay lag), or down.
postgres_state() {
    local answer
    answer=$(PGPASSWORD=$(setting "$default_connection" Password "") "${as_pg[@]}" "$pg_bin/psql" -w -h 127.0.0.1 -p "$1" \
        -U "$(setting "$default_connection" Username "$(setting "$default_connection" "User ID" postgres)")" -d postgres -Atc \
        "SELECT CASE WHEN pg_is_in_recovery()
            THEN 'replica, ' || (SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming') || ' stream(s) from the primary, '
                 || coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0) || ' bytes received and not yet replayed'
            ELSE 'primary, ' || (SELECT count(*) FROM pg_stat_replication) || ' replica(s) streaming' END" 2>/dev/null) \
        || answer="not answering (down, or it refuses this script's login)"
    echo "$answer"
}

case "$command" in
start)
    # A refusal below leaves no folder behind that it made.
    trap 'rmdir "$dir" 2>/dev/null || true' EXIT
    if [ -f "$dir/cluster.env" ]; then
        echo "A cluster is already running from $dir: $0 stop --dir $dir first." >&2
        exit 1
    fi
    if [[ "$primary" == *[\"\']* ]]; then
        echo "--primary: give the connection string without quotes (a password with ';' or quotes cannot be passed here; use a ~/.pgpass file for it)." >&2
        exit 2
    fi
    if [ -e "$dir/pg" ] || compgen -G "$dir/*.pid" >/dev/null; then
        echo "$dir holds what another start left: $0 stop --dir $dir first." >&2
        exit 1
    fi
    if [ ! -f "$marker" ] && [ -n "$(ls -A "$dir")" ]; then
        echo "$dir is not empty: give --dir a new or empty folder (stop removes it)." >&2
        exit 1
    fi
    # Every port free before anything starts: another server on one of them would pass for ours.
    ports=("$proxy_port")
    for i in $(seq 1 "$instances"); do ports+=($((app_port + i - 1))); done
    [ -n "$primary" ] || ports+=("$pg_port")
    if [ "$replica" = 1 ]; then
        if [ -n "$primary" ]; then base_port=$(setting "$primary" Port 5432); else base_port=$pg_port; fi
        ports+=("${replica_port:-$((base_port + 1))}")
    fi
    for port in "${ports[@]}"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "Port $port on 127.0.0.1 is already in use; choose another with the options at the top of $0." >&2
            exit 1
        fi
    done
    touch "$marker"
    # A start that fails half-way, or is interrupted, stops what it started, so nothing is left for the next one to trip on.
    trap 'failed=$?; if [ $failed -ne 0 ]; then echo "The start failed; stopping what it started." >&2; stop_all keep-logs; fi' EXIT
    trap 'exit 130' INT TERM
    for tool in haproxy curl; do
        if ! command -v $tool >/dev/null 2>&1; then
            if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
                echo "Installing $tool"
                apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null
            else
                echo "The cluster needs $tool: sudo apt-get install -y $tool" >&2
                exit 1
            fi
        fi
    done
    source "$repo/scripts/postgres-tools.sh"
    mkdir -p "$dir/pg"
    [ ${#as_pg[@]} -eq 0 ] || chown postgres "$dir/pg"
    if [ -z "$app_dll" ]; then
        # Built every time (quick when nothing changed): a build left from an older checkout must not run.
        echo "Building the app (Release)"
        dotnet build -c Release "$repo/src/MlmNetwork.Web" -v quiet -nologo >"$dir/build.log" 2>&1 \
            || { tail -n 30 "$dir/build.log" >&2; exit 1; }
        app_dll="$repo/src/MlmNetwork.Web/bin/Release/net10.0/MlmNetwork.Web.dll"
    fi
    app_dll=$(cd "$(dirname "$app_dll")" && pwd)/$(basename "$app_dll")

    own_primary=0
    if [ -z "$primary" ]; then
        own_primary=1
        "${as_pg[@]}" "$pg_bin/initdb" -D "$dir/pg/primary" -U postgres -A trust -E UTF8 >"$dir/pg/initdb.log" 2>&1 \
            || { cat "$dir/pg/initdb.log" >&2; exit 1; }
        start_postgres "$dir/pg/primary" "$pg_port"
        primary="Host=127.0.0.1;Port=$pg_port;Username=postgres"
        echo "PostgreSQL primary on 127.0.0.1:$pg_port"
    fi
    primary_host=$(setting "$primary" Host 127.0.0.1)
    primary_port=$(setting "$primary" Port 5432)
    primary_user=$(setting "$primary" Username "$(setting "$primary" "User ID" postgres)")
    default_connection="$(tr ';' '\n' <<<"$primary" | grep -iv '^database=' | grep -v '^$' | paste -sd ';');Database=$database"

    replica_connection=
    if [ "$replica" = 1 ]; then
        replica_port=${replica_port:-$((primary_port + 1))}
        # The password (if any) from --primary, never a prompt; -R writes it into the replica's settings.
        PGPASSWORD=$(setting "$primary" Password "") "${as_pg[@]}" "$pg_bin/pg_basebackup" -h "$primary_host" -p "$primary_port" -U "$primary_user" \
            -D "$dir/pg/replica" -X stream -R -c fast -w </dev/null >"$dir/pg/basebackup.log" 2>&1 \
            || { cat "$dir/pg/basebackup.log" >&2; echo "pg_basebackup failed: the primary must allow replication connections." >&2; exit 1; }
        start_postgres "$dir/pg/replica" "$replica_port"
        # Both hosts, the standby preferred: if the replica is down the reads go to the primary.
        replica_connection="$(tr ';' '\n' <<<"$default_connection" | grep -iv '^\(host\|port\)=' | paste -sd ';');Host=127.0.0.1:$replica_port,$primary_host:$primary_port;Target Session Attributes=prefer-standby"
        echo "PostgreSQL streaming replica on 127.0.0.1:$replica_port"
    fi

    # Quoted for the shell (%q): every value reads back exactly as given.
    for name in instances proxy_port app_port app_dll own_primary replica replica_port default_connection replica_connection; do
        printf '%s=%q\n' "$name" "${!name}"
    done >"$dir/cluster.env"

    # Started together on purpose: they migrate one after another under the app's startup lock.
    for i in $(seq 1 "$instances"); do start_instance "$i"; done
    for i in $(seq 1 "$instances"); do wait_healthy $((app_port + i - 1)) "Instance $i" "$dir/app-$i.log" "$dir/app-$i.pid"; done

    cp "$repo/deploy/haproxy.cfg" "$dir/haproxy.cfg"
    for i in $(seq 1 "$instances"); do
        echo "    server app$i 127.0.0.1:$((app_port + i - 1)) check" >>"$dir/haproxy.cfg"
    done
    export MLM_PROXY_PORT=$proxy_port MLM_CLUSTER_DIR=$dir
    haproxy -f "$dir/haproxy.cfg" -c -q
    haproxy -f "$dir/haproxy.cfg" -D -p "$dir/haproxy.pid" >"$dir/haproxy.log" 2>&1 \
        || { echo "HAProxy did not start:" >&2; tail -n 5 "$dir/haproxy.log" >&2; exit 1; }
    wait_healthy "$proxy_port" "HAProxy" "$dir/haproxy.log"
    for i in $(seq 1 "$instances"); do wait_in_rotation "$i"; done
    trap - EXIT
    echo "MlmNetwork: $instances instances behind http://127.0.0.1:$proxy_port"
    if [ -n "${Bootstrap__AdminEmail:-}" ]; then
        echo "  log in: $Bootstrap__AdminEmail (Bootstrap__AdminEmail)"
    elif [ "${Seed__Demo:-}" = true ]; then
        echo "  log in: the demo logins printed at the start of $dir/app-1.log"
    else
        echo "  log in: no admin account is set up; start again with Bootstrap__AdminEmail and Bootstrap__AdminPassword (or Seed__Demo=true)"
    fi
    echo "  logs:   $dir/app-N.log (instance N), $dir/haproxy.log, $dir/pg/*.log; e-mails in $dir/mail"
    echo "  status: $0 status --dir $dir"
    echo "  stop:   $0 stop --dir $dir (removes the databases too)"
    ;;

kill-instance | start-instance | status)
    if [ ! -f "$dir/cluster.env" ]; then
        rmdir "$dir" 2>/dev/null || true
        echo "No cluster runs from $dir (start one with: $0 start)" >&2
        exit 1
    fi
    ;;&

kill-instance | start-instance)
    # shellcheck source=/dev/null
    source "$dir/cluster.env"
    if [ "$instance_arg" -gt "$instances" ]; then
        echo "This cluster has instances 1 to $instances." >&2
        exit 2
    fi
    if [ "$command" = kill-instance ]; then
        stop_pid_file "$dir/app-$instance_arg.pid" KILL
        echo "Instance $instance_arg killed"
    else
        if [ -f "$dir/app-$instance_arg.pid" ] && kill -0 "$(cat "$dir/app-$instance_arg.pid")" 2>/dev/null; then
            echo "Instance $instance_arg is already running (pid $(cat "$dir/app-$instance_arg.pid"))." >&2
            exit 1
        fi
        start_instance "$instance_arg"
        wait_healthy $((app_port + instance_arg - 1)) "Instance $instance_arg" "$dir/app-$instance_arg.log" "$dir/app-$instance_arg.pid"
        wait_in_rotation "$instance_arg"
        echo "Instance $instance_arg started and back behind the proxy"
    fi
    ;;

status)
    # shellcheck source=/dev/null
    source "$dir/cluster.env"
    source "$repo/scripts/postgres-tools.sh"
    if [ -f "$dir/haproxy.pid" ] && kill -0 "$(cat "$dir/haproxy.pid")" 2>/dev/null; then proxy=running; else proxy=down; fi
    echo "proxy: http://127.0.0.1:$proxy_port $proxy"
    if [ "$own_primary" = 1 ]; then
        echo "PostgreSQL :$(setting "$default_connection" Port 5432) $(postgres_state "$(setting "$default_connection" Port 5432)")"
    else
        echo "PostgreSQL: $(setting "$default_connection" Host localhost):$(setting "$default_connection" Port 5432) (not started by this script)"
    fi
    if [ "$replica" = 1 ]; then
        echo "PostgreSQL :$replica_port $(postgres_state "$replica_port")"
    fi
    for i in $(seq 1 "$instances"); do
        port=$((app_port + i - 1))
        in_proxy=$(curl -fsS --unix-socket "$dir/haproxy-stats.sock" "http://proxy/;csv" 2>/dev/null | awk -F, -v s="app$i" '$1 == "app" && $2 == s { print $18 }')
        if curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; then health=healthy; else health=down; fi
        echo "instance $i (:$port) $health, in the proxy: ${in_proxy:-unknown}"
    done
    ;;

stop)
    if [ ! -f "$marker" ]; then
        rmdir "$dir" 2>/dev/null || true
        echo "No cluster runs from $dir (no cluster of this script's was started there)" >&2
        exit 0
    fi
    stop_all
    echo "Stopped"
    ;;

*)
    sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
