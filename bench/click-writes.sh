#!/usr/bin/env bash
# What a click row costs PostgreSQL with 10 thousand and with 1 million links, before and after
# migration V5 (click rows without foreign keys to urls). PostgreSQL alone: no app, no Redis.
#
#   bench/click-writes.sh [seconds per run, default 15]
#
# A scratch database (BENCH_CLICK_DB, default kurz_clickcost; dropped and created again) gets the
# migrations up to V4 and 1,000,000 generated links (bench/generate-links.sql); then pgbench, one
# client, writes click events in transactions of 500 rows whose url_id is drawn uniformly from the
# first 10,000 or from all 1,000,000 links, alternating the two sizes twice. The same again after V5. Printed: rows a second and microseconds of
# PostgreSQL wall time per row (one client, so the server's time per row, waits included).
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres).
set -euo pipefail

command -v pgbench >/dev/null || { echo "bench/click-writes.sh needs pgbench (Debian: the postgresql-15 package)" >&2; exit 2; }

seconds=${1:-15}
db=${BENCH_CLICK_DB:-kurz_clickcost}
root=$(cd "$(dirname "$0")/.." && pwd)
migrations=$root/src/main/resources/db/migration
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rows_per_tx=500
cat >"$work/clicks.sql" <<SQL
INSERT INTO events (url_id, event_type, timestamp, details)
SELECT (random() * (:n - 1))::int + 1, 'click', now(),
       '{"short_code":"b0000001","referrer":null,"user_agent":"wrk","client_hash":"Zm9vYmFyYmF6cXV4Zm9vYmFy"}'
FROM generate_series(1, $rows_per_tx);
SQL

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
migrate() {
  for f in "$migrations"/V"$1"__*.sql; do psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$f" >/dev/null; done
}
for v in 1 2 3 4; do migrate "$v"; done
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v n=1000000 -f "$root/bench/generate-links.sql" >/dev/null

measure() {
  local label=$1 n out tps
  for n in 10000 1000000 10000 1000000; do
    psql -X -q -d "$db" -c CHECKPOINT
    out=$(pgbench -n -c 1 -T "$seconds" -D n="$n" -f "$work/clicks.sql" "$db" 2>&1)
    tps=$(awk '/^tps = / {print $3}' <<<"$out")
    awk -v l="$label" -v n="$n" -v t="$tps" -v r="$rows_per_tx" \
      'BEGIN { printf "%-22s links %9d  %8.0f rows/s  %6.1f us/row\n", l, n, t * r, 1e6 / (t * r) }'
  done
}

echo "$(date -u +%FT%TZ) $(psql -X -Atc 'SHOW server_version' -d "$db"), shared_buffers $(psql -X -Atc \
  'SHOW shared_buffers' -d "$db"), ${seconds} s per run, $rows_per_tx rows per transaction"
measure "V4 (foreign keys)"
migrate 5
measure "V5 (no foreign keys)"
echo "events after the runs: $(psql -X -Atc 'SELECT count(*) FROM events' -d "$db")"
psql -X -q -d postgres -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
