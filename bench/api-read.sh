#!/usr/bin/env bash
# API read benchmark: one Kurz replica on JDK 25, open mode, rate limiter off, beside Nginx's
# static 302 driven by the same wrk script. Measures GET /urls/<id>, /urls/code/<code>,
# /users/<id> and /events/<id> at 64 connections, and counts the SQL statements each of those
# requests sends to PostgreSQL (log_statement=all on the benchmark database, in a separate start
# of the app so that logging does not slow the measured runs).
#
#   flock /tmp/kurz-exclusive.lock bench/api-read.sh [--jar FILE] [--duration S] [--warmup S]
#                                                    [--profile DIR]
#
# --profile DIR records each route's measured run with Java Flight Recorder (settings=profile)
# into DIR/<route>.jfr; figures taken so are not comparable with those of a run without it.
# Environment: BENCH_JAVA (Temurin 25), BENCH_APP_PORT (8285), BENCH_NGINX_PORT (8290),
# BENCH_DB (kurz_bench_api, dropped and created again), BENCH_REDIS_DB (7, flushed),
# BENCH_CONNECTIONS (64), BENCH_THREADS (2).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
jar=""
duration=15
warmup=10
profile=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar=${2:?}; shift ;;
    --duration) duration=${2:?}; shift ;;
    --warmup) warmup=${2:?}; shift ;;
    --profile) profile=${2:?}; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

java_bin=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
app_port=${BENCH_APP_PORT:-8285}
nginx_port=${BENCH_NGINX_PORT:-8290}
db=${BENCH_DB:-kurz_bench_api}
redis_db=${BENCH_REDIS_DB:-7}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
pglog=${BENCH_PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
app="http://127.0.0.1:$app_port"
if [ -z "$jar" ]; then
  jar=$(find "$root/target" -maxdepth 1 -name 'kurz-*.jar' ! -name '*-plain.jar' | head -n 1)
fi
[ -f "$jar" ] || { echo "no jar: build it with ./mvnw -q -B -DskipTests package" >&2; exit 1; }

work=$(mktemp -d /tmp/kurz-api-read.XXXXXX)
app_pid=""
nginx_pid=""
cleanup() {
  trap - EXIT INT TERM
  [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  stop_app
  psql -X -q -d postgres -c "ALTER DATABASE $db RESET log_statement" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_app() {
  env PORT="$app_port" \
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" SPRING_DATASOURCE_USERNAME="$PGUSER" \
    SPRING_DATA_REDIS_DATABASE="$redis_db" KURZ_AUTH_MODE=open KURZ_RATELIMIT_ENABLED=false \
    KURZ_CLICKS_IPHASHKEY=bench KURZ_PUBLICBASEURL="$app" LOGGING_LEVEL_KURZ_ACCESS=WARN \
    "$java_bin" -XX:+UseZGC -Xms768m -Xmx768m -XX:+ExitOnOutOfMemoryError -jar "$jar" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    kill -0 "$app_pid" 2>/dev/null || { tail -n 5 "$work/app.log" >&2; exit 1; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$app/health" || true)" = 200 ] && return
    sleep 0.5
  done
  echo "the app did not start" >&2
  exit 1
}

stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid"
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}

post() { curl -sf -H 'Content-Type: application/json' -d "$2" "$app$1"; }

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
redis-cli -n "$redis_db" FLUSHDB >/dev/null
psql -X -q -d postgres -c "ALTER DATABASE $db SET log_statement = 'all'" >/dev/null
echo "jar: $jar ($(sha256sum "$jar" | cut -c1-12)); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

# --- seed and count statements -------------------------------------------------------------------
start_app
user=$(post /users '{"username":"bench","email":"bench@example.com"}' | jq -r .id)
: >"$work/urls.txt" ; : >"$work/codes.txt"; : >"$work/events.txt"
for i in $(seq 1 100); do
  url=$(post /urls "{\"original_url\":\"https://example.com/$i\",\"user_id\":$user,\"title\":\"t$i\"}")
  id=$(jq -r .id <<<"$url")
  echo "urls/$id" >>"$work/urls.txt"
  echo "urls/code/$(jq -r .short_code <<<"$url")" >>"$work/codes.txt"
  event=$(post /events "{\"url_id\":$id,\"event_type\":\"note\",\"details\":{\"n\":$i}}")
  echo "events/$(jq -r .id <<<"$event")" >>"$work/events.txt"
done
echo "users/$user" >"$work/users.txt"
for _ in $(seq 1 99); do echo "users/$user"; done >>"$work/users.txt"
for _ in $(seq 1 100); do echo "x"; done >"$work/static.txt"

routes="urls codes users events"
declare -A route_name=([urls]="GET /urls/<id>" [codes]="GET /urls/code/<code>" [users]="GET /users/<id>"
  [events]="GET /events/<id>" [static]="Nginx static 302")
requests=50
echo
echo "SQL statements per request (log_statement=all, $requests sequential requests per route, after a first one):"
for route in $routes; do
  curl -s -o /dev/null "$app/$(head -n 1 "$work/$route.txt")"
  sleep 0.5
  before=$(wc -l <"$pglog")
  while read -r path; do curl -s -o /dev/null "$app/$path"; done < <(head -n "$requests" "$work/$route.txt")
  sleep 0.5
  tail -n +"$((before + 1))" "$pglog" | grep -F "@$db LOG:" | grep -E 'LOG:  (execute|statement)' |
    sed -E 's/.*LOG:  (execute [^:]*|statement): //' | sed -E 's/^(.{70}).*/\1.../' |
    sort | uniq -c | sort -rn >"$work/statements-$route.txt"
  total=$(awk '{s += $1} END {print s + 0}' "$work/statements-$route.txt")
  printf '  %-22s %s statements per request\n' "${route_name[$route]}" "$(echo "scale=2; $total / $requests" | bc)"
  sed 's/^/      /' "$work/statements-$route.txt"
done
stop_app
psql -X -q -d postgres -c "ALTER DATABASE $db RESET log_statement" >/dev/null

# --- throughput ----------------------------------------------------------------------------------
start_app
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
mkdir -p "$work/nginx"
sed -e "s|@DIR@|$work/nginx|g" -e "s|@PORT@|$nginx_port|g" "$root/bench/nginx-static.conf.template" >"$work/nginx.conf"
"$nginx_bin" -c "$work/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
lua="$root/bench/redirect.lua"
for route in $routes; do
  wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$lua" "$app" -- "$work/$route.txt" warmup >/dev/null
done
echo
echo "wrk -t$threads -c$connections -d${duration}s -s bench/redirect.lua (after ${warmup}s warm-up per route):"
results="$work/results.txt"
for route in $routes static; do
  target=$app
  [ "$route" = static ] && target="http://127.0.0.1:$nginx_port"
  if [ -n "$profile" ] && [ "$route" != static ]; then
    mkdir -p "$profile"
    "$(dirname "$java_bin")/jcmd" "$app_pid" JFR.start name="$route" settings=profile filename="$profile/$route.jfr" >/dev/null
  fi
  wrk -t"$threads" -c"$connections" -d"${duration}s" -s "$lua" "$target" -- "$work/$route.txt" "$route" |
    grep '^RESULT' >>"$results"
  if [ -n "$profile" ] && [ "$route" != static ]; then
    "$(dirname "$java_bin")/jcmd" "$app_pid" JFR.stop name="$route" >/dev/null
  fi
done
ceiling=$(grep 'label=static ' "$results" | sed -E 's/.* rps=([0-9.]+).*/\1/')
printf '  %-22s %10s %8s %8s %8s %7s  %s\n' route req/s x-nginx p50_ms p99_ms errors statuses
while read -r line; do
  get() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$line"; }
  label=$(get label)
  # Errors as wrk counts them: socket errors, and answers of 400 or more.
  errors=$(($(get sock_connect) + $(get sock_read) + $(get sock_write) + $(get sock_timeout) +
    $(get statuses | tr ',' '\n' | awk -F: '$1 >= 400 { n += $2 } END { print n + 0 }')))
  printf '  %-22s %10s %8s %8s %8s %7s  %s\n' "${route_name[$label]}" "$(get rps)" \
    "$(echo "scale=3; $(get rps) / $ceiling" | bc)" "$(get p50_ms)" "$(get p99_ms)" "$errors" "$(get statuses)"
done <"$results"
active=$(curl -s "$app/metrics/prometheus" | grep -E '^hikaricp_connections_(timeout_total|pending|max)' || true)
echo
echo "pool after the runs:"
while read -r line; do echo "  $line"; done <<<"$active"
