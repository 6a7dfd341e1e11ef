#!/usr/bin/env bash
# The genealogy's own SQL, timed in PostgreSQL alone (EXPLAIN ANALYZE, median of 5 runs after a
# warm-up), on a database the benchmark generated and kept, e.g.:
#   MLM_BENCH_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres" \
#     dotnet run -c Release --project bench/MlmNetwork.Benchmarks -- --distributors 1000000 --sales 0 --keep
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres bench/genealogy-sql.sh mlm_bench_1000000_0
# The biggest leader is the viewer. A member with 10,000 direct recruits is added under them
# the first time (plain INSERTs: the app's counters of that team are not kept, only its rows).
set -euo pipefail
export PGDATABASE=${1:?usage: bench/genealogy-sql.sh DATABASE}
export PGOPTIONS="-c jit=off"

sql() { psql -qAtX -c "$1"; }

timed() {
    local times=()
    for i in 0 1 2 3 4 5; do
        local t
        t=$(psql -qAtX -c "EXPLAIN (ANALYZE, TIMING OFF) $2" | grep -oP 'Execution Time: \K[0-9.]+')
        [ "$i" -gt 0 ] && times+=("$t")
    done
    printf '%-72s %8s ms   (%s)\n' "$1" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)" "${times[*]}"
}

leader=$(sql "SELECT id FROM distributors WHERE NOT is_house ORDER BY downline_count DESC LIMIT 1")
leader_depth=$(sql "SELECT depth FROM distributors WHERE id = $leader")
if [ -z "$(sql "SELECT id FROM distributors WHERE referral_code = 'WIDE0001'")" ]; then
    sql "INSERT INTO distributors (name, email, search_key, referral_code, sponsor_id, is_house, status, depth, joined_at, direct_recruit_count, downline_count)
         VALUES ('Wide Member', 'wide@bench.local', 'wide member wide@bench.local', 'WIDE0001', $leader, false, 0, $leader_depth + 1, now(), 10000, 10000)"
    sql "INSERT INTO distributors (name, email, search_key, referral_code, sponsor_id, is_house, status, depth, joined_at, direct_recruit_count, downline_count)
         SELECT 'Wide Recruit ' || n, 'wide' || n || '@bench.local', 'wide recruit ' || n || ' wide' || n || '@bench.local', 'W' || lpad(n::text, 7, '0'),
                (SELECT id FROM distributors WHERE referral_code = 'WIDE0001'), false, 0, $leader_depth + 2, now(), 0, 0
         FROM generate_series(1, 10000) n"
    sql "VACUUM ANALYZE distributors"
fi
wide=$(sql "SELECT id FROM distributors WHERE referral_code = 'WIDE0001'")
middle=$(sql "SELECT id FROM distributors WHERE sponsor_id = $wide ORDER BY id OFFSET 5000 LIMIT 1")
deep=$(sql "WITH RECURSIVE down(id, depth) AS (SELECT id, depth FROM distributors WHERE sponsor_id = $leader UNION ALL SELECT d.id, d.depth FROM distributors d JOIN down ON d.sponsor_id = down.id) SELECT id FROM down ORDER BY depth DESC, id LIMIT 1")
other=$(sql "SELECT id FROM distributors WHERE depth = $leader_depth AND id <> $leader ORDER BY downline_count DESC LIMIT 1")
month=$(date -u +%Y%m)
echo "$(sql "SELECT count(*) FROM distributors") distributors; viewer #$leader ($(sql "SELECT downline_count FROM distributors WHERE id = $leader") below); wide member #$wide; deepest below the viewer #$deep"

children="SELECT d.id, d.name, d.joined_at, d.status, d.direct_recruit_count, d.downline_count, COALESCE(s.personal_volume_cents, 0), COALESCE(s.team_volume_cents, 0)
    FROM distributors d LEFT JOIN distributor_month_stats s ON s.distributor_id = d.id AND s.period_key = $month
    WHERE d.sponsor_id = %s AND (d.downline_count, d.id) < (%s, %s) ORDER BY d.downline_count DESC, d.id DESC LIMIT 51"
path="WITH RECURSIVE up(id, sponsor_id, name, depth) AS (SELECT id, sponsor_id, name, depth FROM distributors WHERE id = %s AND depth >= $leader_depth
    UNION ALL SELECT d.id, d.sponsor_id, d.name, d.depth FROM distributors d JOIN up ON d.id = up.sponsor_id WHERE up.depth > $leader_depth) SELECT id, name FROM up ORDER BY depth"
walk="WITH RECURSIVE down(id, search_key, distance) AS (SELECT id, search_key, 1 FROM distributors WHERE sponsor_id = %s
    UNION ALL SELECT d.id, d.search_key, down.distance + 1 FROM distributors d JOIN down ON d.sponsor_id = down.id WHERE down.distance < 1000000)
    SELECT id FROM (SELECT id, search_key FROM down LIMIT 20000) nearest WHERE search_key LIKE '%%%s%%' LIMIT 21"
max=9223372036854775807

timed "recruits of the member with 10,000, first page" "$(printf "$children" "$wide" $max $max)"
timed "recruits of the member with 10,000, the page from the middle" "$(printf "$children" "$wide" 0 "$middle")"
timed "recruits of the viewer, first page" "$(printf "$children" "$leader" $max $max)"
timed "path from a recruit of the wide member up to the viewer" "$(printf "$path" "$middle")"
timed "path from the deepest member below the viewer up to the viewer" "$(printf "$path" "$deep")"
timed "people per level of the viewer" "SELECT level, member_count FROM downline_levels WHERE distributor_id = $leader ORDER BY level"
timed "search: people matching '$deep' network-wide (trigram index)" "SELECT id FROM distributors WHERE search_key LIKE '%$deep%' AND depth > $leader_depth LIMIT 2001"
timed "search: people matching 'distributor $deep' network-wide (trigram index)" "SELECT id FROM distributors WHERE search_key LIKE '%distributor $deep%' AND depth > $leader_depth LIMIT 2001"
timed "search: people matching 'distributor 12' (more than 2,000)" "SELECT id FROM distributors WHERE search_key LIKE '%distributor 12%' AND depth > $leader_depth LIMIT 2001"
timed "search: walk up from 2,000 scattered matches to the viewer's depth" "WITH RECURSIVE up(id, sponsor_id, name, depth) AS (SELECT id, sponsor_id, name, depth FROM distributors
    WHERE id = ANY(ARRAY(SELECT id FROM distributors WHERE search_key LIKE '%distributor 12%' AND depth > $leader_depth LIMIT 2000))
    UNION SELECT d.id, d.sponsor_id, d.name, d.depth FROM distributors d JOIN up ON d.id = up.sponsor_id WHERE up.depth > $leader_depth) SELECT id, sponsor_id, name, depth FROM up"
timed "search: walk the viewer's team for 'distributor 1' (stops at 21 hits)" "$(printf "$walk" "$leader" "distributor 1")"
timed "search: walk the nearest 20,000 of team #$other for 'wide recruit' (no hit)" "$(printf "$walk" "$other" "wide recruit")"
