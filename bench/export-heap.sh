#!/usr/bin/env bash
# Heap use of a CSV export of 10^6 links: GET /urls/export.csv streams from a database cursor, so
# the heap should stay flat however many rows there are. Not a test: it prints figures.
#
#   flock /tmp/kurz-exclusive.lock bench/export-heap.sh [rows, default 1000000]
#
# A scratch database (BENCH_DB, default kurz_bench_export; dropped and created again) gets the
# migrations from the app and the rows from bench/generate-links.sql; the app runs in the open mode
# with -Xmx256m (BENCH_JAVA_OPTS) and the heap is sampled with jstat every 100 ms while curl reads
# the export. Printed: rows and bytes exported, seconds, and the heap used before and at most
# during the export (young + old generation, as jstat reports them).
# Environment: BENCH_JAVA (default Temurin 25), BENCH_APP_PORT (8086), BENCH_REDIS_DB (3),
# BENCH_JAR (default: target/kurz-*.jar, built when missing), PGHOST/PGPORT/PGUSER.
set -euo pipefail

rows=${1:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
java_bin=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
jstat_bin=$(dirname "$java_bin")/jstat
java_opts=${BENCH_JAVA_OPTS:--Xmx256m}
port=${BENCH_APP_PORT:-8086}
db=${BENCH_DB:-kurz_bench_export}
redis_db=${BENCH_REDIS_DB:-3}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
die() { echo "bench/export-heap.sh: $*" >&2; exit 1; }
[ -x "$java_bin" ] || die "no JDK at $java_bin (set BENCH_JAVA)"
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port is taken; set BENCH_APP_PORT"

jar=${BENCH_JAR:-$(find "$root/target" -maxdepth 1 -name 'kurz-*.jar' ! -name '*-plain.jar' | head -n 1)}
if [ -z "$jar" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests package) >&2
  jar=$(find "$root/target" -maxdepth 1 -name 'kurz-*.jar' ! -name '*-plain.jar' | head -n 1)
fi
work=$(mktemp -d /tmp/kurz-export-heap.XXXXXX)
cp "$jar" "$work/kurz.jar"
app_pid=
# shellcheck disable=SC2317 # only reached through the trap
cleanup() {
  if [ -n "$app_pid" ]; then
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
# shellcheck disable=SC2086 # java_opts is a list of flags
env PORT="$port" SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
  SPRING_DATASOURCE_USERNAME="$PGUSER" SPRING_DATA_REDIS_DATABASE="$redis_db" \
  KURZ_AUTH_MODE=open KURZ_RATELIMIT_ENABLED=false KURZ_LINKS_CHECKSTOREDTARGETS=false \
  "$java_bin" $java_opts -jar "$work/kurz.jar" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "$app_pid" 2>/dev/null || die "the app exited while starting: $(tail -n 3 "$work/app.log")"
  sleep 0.5
done
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v n="$rows" -f "$root/bench/generate-links.sql" >/dev/null

heap_used_mb() { "$jstat_bin" -gc "$app_pid" | awk 'NR == 2 { printf "%.0f", ($3 + $4 + $6 + $8) / 1024 }'; }
before=$(heap_used_mb)
"$jstat_bin" -gc "$app_pid" 100 >"$work/jstat.log" &
jstat_pid=$!
start=$(date +%s.%N)
bytes=$(curl -fs "http://127.0.0.1:$port/urls/export.csv" | tee >(tail -n +2 | wc -l >"$work/lines") | wc -c)
end=$(date +%s.%N)
kill "$jstat_pid" 2>/dev/null || true
wait "$jstat_pid" 2>/dev/null || true
peak=$(awk '$1 ~ /^[0-9.]+$/ { used = ($3 + $4 + $6 + $8) / 1024; if (used > max) max = used } END { printf "%.0f", max }' "$work/jstat.log")

echo "$(date -u +%FT%TZ) $("$java_bin" -version 2>&1 | head -n 1), $java_opts"
printf 'exported %s rows, %s bytes in %.1f s\n' "$(cat "$work/lines")" "$bytes" "$(echo "$end - $start" | bc)"
echo "heap used: ${before} MB before, at most ${peak} MB during the export"
psql -X -q -d postgres -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
