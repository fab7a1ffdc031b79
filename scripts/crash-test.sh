#!/usr/bin/env bash
# Crash test: one Kurz replica (the packaged jar, on Temurin 25) under wrk load on one link is
# killed with SIGKILL mid-run, then started again. Compares the 302s wrk received whole (counted
# in bench/redirect.lua's response()) with the click events stored for the link:
#   lost  = 302s received with no click event stored (answered, then lost in the crash)
#   extra = click events with no 302 received: requests the kill cut off after their batch had
#           committed, at most one per connection
# Exit status 1 when a click was lost, or when there are more extra events than connections
# (which only a click written twice could explain).
#
#   scripts/crash-test.sh [--durability commit|async] [--connections 32] [--kill-after 4] [--build]
#
# Run it alone on the machine (it binds CRASH_PORT): flock /tmp/kurz-exclusive.lock scripts/crash-test.sh
# Environment: CRASH_JAVA (default Temurin 25), CRASH_PORT (8385), CRASH_DB (kurz_crash, dropped and
# created again), CRASH_REDIS_DB (3, flushed), PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
durability=commit
connections=32
kill_after=4
build=0
while [ $# -gt 0 ]; do
  case "$1" in
    --durability) durability=${2:?}; shift ;;
    --connections) connections=${2:?}; shift ;;
    --kill-after) kill_after=${2:?}; shift ;;
    --build) build=1 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
case "$durability" in commit | async) ;; *) echo "--durability is commit or async" >&2; exit 2 ;; esac

java_bin=${CRASH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
port=${CRASH_PORT:-8385}
db=${CRASH_DB:-kurz_crash}
redis_db=${CRASH_REDIS_DB:-3}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
app="http://127.0.0.1:$port"
key="crash-$(date +%s)-$RANDOM"
work=$(mktemp -d /tmp/kurz-crash.XXXXXX)
app_pid=

log() { echo "crash-test: $*" >&2; }
die() { log "$*"; exit 2; }
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

for tool in wrk psql redis-cli curl jq; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done
[ -x "$java_bin" ] || die "no JDK at $java_bin (set CRASH_JAVA)"

jar=$(find "$root/target" -maxdepth 1 -name 'kurz-*.jar' ! -name '*-plain.jar' 2>/dev/null | head -n 1)
if [ -z "$jar" ] || [ "$build" = 1 ]; then
  log "building the jar: ./mvnw -q -B -DskipTests package"
  (cd "$root" && ./mvnw -q -B -DskipTests package) >&2
  jar=$(find "$root/target" -maxdepth 1 -name 'kurz-*.jar' ! -name '*-plain.jar' | head -n 1)
fi
cp "$jar" "$work/kurz.jar"

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
redis-cli -n "$redis_db" FLUSHDB >/dev/null

start_app() {
  env PORT="$port" \
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" \
    SPRING_DATASOURCE_USERNAME="$PGUSER" \
    SPRING_DATA_REDIS_DATABASE="$redis_db" \
    KURZ_CLICKS_DURABILITY="$durability" \
    KURZ_RATELIMIT_ENABLED=false \
    KURZ_AUTH_ADMINKEYS="$key" \
    "$java_bin" -XX:+UseZGC -Xms512m -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$work/kurz.jar" >>"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 360); do
    kill -0 "$app_pid" 2>/dev/null || die "the app exited while starting (log: $work/app.log)"
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$app/health" || true)" = 200 ] && return
    sleep 0.5
  done
  die "the app did not answer /health within 180 s (log: $work/app.log)"
}

start_app
log "app: pid $app_pid on $app, durability $durability, $("$java_bin" -version 2>&1 | sed -n 2p)"
id=$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"url":"https://example.com/crash","short_code":"crash1"}' "$app/shorten" | jq -r .id)
if [ -z "$id" ] || [ "$id" = null ]; then
  die "could not create the link (log: $work/app.log)"
fi
echo crash1 >"$work/codes.txt"

wrk -t2 -c"$connections" -d"$((kill_after + 3))s" -s "$root/bench/redirect.lua" "$app" -- "$work/codes.txt" crash \
  >"$work/wrk.out" 2>&1 &
wrk_pid=$!
sleep "$kill_after"
kill -9 "$app_pid"
wait "$app_pid" 2>/dev/null || true
log "app killed (SIGKILL) after ${kill_after} s under load"
wait "$wrk_pid" || true
result=$(grep '^RESULT' "$work/wrk.out") || die "wrk printed no result: $(cat "$work/wrk.out")"
received=$(sed -n 's/.* s302=\([0-9]*\).*/\1/p' <<<"$result")

start_app
log "app started again: pid $app_pid"
# Stopped gracefully: anything it buffered after the restart is written (there should be none).
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=

stored=$(psql -X -Atq -d "$db" -c "SELECT count(*) FROM events WHERE url_id = $id AND event_type = 'click'")
lost=$((received > stored ? received - stored : 0))
extra=$((stored > received ? stored - received : 0))
echo "durability=$durability connections=$connections kill_after_s=$kill_after received_302=$received" \
  "click_events=$stored lost=$lost extra=$extra"
echo "wrk: $result"
if [ "$lost" -gt 0 ] || [ "$extra" -gt "$connections" ]; then
  log "FAIL (the app's log: $work/app.log)"
  exit 1
fi
rm -rf "$work"
