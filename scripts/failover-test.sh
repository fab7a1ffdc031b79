#!/usr/bin/env bash
# Failover check of the cluster (scripts/cluster.sh): steady redirect load through nginx on
# 127.0.0.1:8080 with wrk, twice, DURATION seconds each:
#   1. replica 2 is killed with SIGKILL EVENT_AT seconds in and restarted through cluster.sh;
#   2. Redis is shut down EVENT_AT seconds in and started again REDIS_DOWN_FOR seconds later.
# Target: zero failed redirects. Prints requests, non-2xx/3xx answers and socket errors of each run
# and exits 1 when either run has any.
#
# Each redirect comes from one of 16.7 million client addresses at random (X-Forwarded-For, which
# Nginx takes from 127.0.0.1 through KURZ_NGINX_TRUSTED_PROXIES, as from a CDN in front), so no
# per-address redirect limit refuses it; the script's own API calls come from one address. With
# no cluster running, this script starts one with KURZ_NGINX_TRUSTED_PROXIES=127.0.0.1 and
# KURZ_RATELIMIT_REQUESTSPERMINUTE=100000000 (limiter on, nothing refused) and stops it at the end
# (KEEP_CLUSTER=1 leaves it up). A cluster that is already up must have been started with both.
#
# Settings: DURATION (30), EVENT_AT (10), REDIS_DOWN_FOR (10), CONNECTIONS (32), THREADS (2),
# WARMUP (10, seconds of unmeasured load first, for the JIT), KURZ_URL (http://127.0.0.1:8080).
# Needs wrk, curl, jq, redis-cli and redis-server. Stopping Redis affects everything else that uses
# the local Redis during those seconds.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cluster="$root/scripts/cluster.sh"
run="$root/run"
out="$run/failover"
base="${KURZ_URL:-http://127.0.0.1:8080}"
duration="${DURATION:-30}"
event_at="${EVENT_AT:-10}"
redis_down_for="${REDIS_DOWN_FOR:-10}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
warmup="${WARMUP:-10}"
raised_limit=100000000
nginx_logs="$run/nginx/logs"

die() {
  echo "failover: $*" >&2
  exit 2
}

for tool in wrk curl jq redis-cli redis-server; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y wrk curl jq redis-server)"
done
[ "$event_at" -lt "$duration" ] || die "EVENT_AT must be less than DURATION"

redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; }

start_redis() {
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 50); do
    redis_up && return 0
    sleep 0.1
  done
  echo "failover: Redis did not come back" >&2
  return 1
}

started_cluster=""
redis_stopped=""
cleanup() {
  if [ -n "$redis_stopped" ] && ! redis_up; then
    echo "failover: starting Redis again"
    start_redis || true
  fi
  if [ -n "$started_cluster" ] && [ "${KEEP_CLUSTER:-}" != 1 ]; then
    "$cluster" down
  fi
}
trap cleanup EXIT

# --- the cluster, with limits that do not refuse the load ----------------------------------------
limits_raised() {
  local enabled rpm proxies
  # shellcheck source=/dev/null
  enabled=$(. "$run/cluster.env" && echo "${KURZ_RATELIMIT_ENABLED:-true}")
  # shellcheck source=/dev/null
  rpm=$(. "$run/cluster.env" && echo "${KURZ_RATELIMIT_REQUESTSPERMINUTE:-200}")
  # shellcheck source=/dev/null
  proxies=$(. "$run/cluster.env" && echo "${KURZ_NGINX_TRUSTED_PROXIES:-}")
  [ "$proxies" = 127.0.0.1 ] || return 1
  [ "$enabled" = false ] || { [[ "$rpm" =~ ^[0-9]+$ ]] && [ "$rpm" -ge 1000000 ]; }
}

if status=$("$cluster" status 2>&1); then
  if [ ! -f "$run/cluster.env" ] || ! limits_raised; then
    die "the running cluster keeps the default rate limit or takes no client address from 127.0.0.1; restart it:
  scripts/cluster.sh down && KURZ_NGINX_TRUSTED_PROXIES=127.0.0.1 KURZ_RATELIMIT_REQUESTSPERMINUTE=$raised_limit scripts/cluster.sh up"
  fi
elif [ "$(grep -c stopped <<<"$status")" = 4 ]; then
  echo "failover: no cluster running; starting one with the rate limit raised"
  started_cluster=1
  KURZ_NGINX_TRUSTED_PROXIES=127.0.0.1 \
    KURZ_RATELIMIT_REQUESTSPERMINUTE="${KURZ_RATELIMIT_REQUESTSPERMINUTE:-$raised_limit}" "$cluster" up
else
  printf '%s\n' "$status" >&2
  die "the cluster is partly up; run 'scripts/cluster.sh down' and try again"
fi
redis_up || die "Redis does not answer on 127.0.0.1:6379"

# --- seed data and the codes to drive -------------------------------------------------------------
# Listing links and loading the seed take an admin key: KURZ_ADMIN_KEY, or the cluster's first.
# shellcheck source=/dev/null
admin_key=$(. "$run/cluster.env" && echo "${KURZ_AUTH_ADMINKEYS:-}")
admin_key="${KURZ_ADMIN_KEY:-${admin_key%%,*}}"
# shellcheck source=scripts/as-admin.sh
. "$root/scripts/as-admin.sh"
first_code=$(awk -F, 'NR == 2 { print $3 }' "$root/seed-data/urls.csv")
if [ "$(as_admin -s -o /dev/null -w '%{http_code}' "$base/urls/code/$first_code")" != 200 ]; then
  echo "failover: loading the seed data"
  KURZ_ADMIN_KEY="$admin_key" "$root/scripts/load-seed.sh" "$base" >/dev/null
fi
mkdir -p "$out"
as_admin -fsS "$base/urls?is_active=true&per_page=100" | jq -r '.[] | select(.max_clicks == null and .expires_at == null) | .short_code' \
  >"$out/codes.txt" ||
  die "could not list the links at $base/urls: does the cluster have an admin key (KURZ_AUTH_ADMINKEYS, .env.example)?"
[ -s "$out/codes.txt" ] || die "no active short codes found at $base/urls?is_active=true"
echo "failover: $(wc -l <"$out/codes.txt") active codes, $connections connections, ${duration}s per run"

# wrk runs one copy of this script per thread; done() adds up the threads' counters.
cat >"$out/redirects.lua" <<'LUA'
local codes = {}
for line in io.lines(os.getenv("KURZ_CODES_FILE")) do
  if #line > 0 then codes[#codes + 1] = line end
end
local threads = {}
wrk.headers["User-Agent"] = "kurz-failover-test"

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  index = math.random(#codes)
  status_4xx = 0
  status_5xx = 0
end

function request()
  index = index % #codes + 1
  local c = math.random(0, 16777215)
  local address = "11." .. (math.floor(c / 65536) % 256) .. "." .. (math.floor(c / 256) % 256) .. "." .. (c % 256)
  return wrk.format("GET", "/" .. codes[index], { ["X-Forwarded-For"] = address })
end

function response(status, headers, body)
  if status >= 500 then
    status_5xx = status_5xx + 1
  elseif status >= 400 then
    status_4xx = status_4xx + 1
  end
end

function done(summary, latency, requests)
  local s4, s5 = 0, 0
  for _, thread in ipairs(threads) do
    s4 = s4 + thread:get("status_4xx")
    s5 = s5 + thread:get("status_5xx")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d non_2xx_3xx=%d status_4xx=%d status_5xx=%d connect=%d read=%d write=%d timeout=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, e.status, s4, s5, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
export KURZ_CODES_FILE="$out/codes.txt"

wrk_run() {
  # --timeout above nginx's own (10 s): a request nginx gives up on shows as its 502/504, not as a
  # client timeout.
  wrk -t "$threads" -c "$connections" -d "${1}s" --timeout 15s --latency -s "$out/redirects.lua" "$base"
}

# --- the two runs ------------------------------------------------------------------------------------
kill_replica_2() {
  local started=$SECONDS
  "$cluster" kill 2
  "$cluster" start 2 >/dev/null
  echo "failover: replica 2 answered again $((SECONDS - started))s after the kill"
}

stop_redis() {
  redis_stopped=1
  redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1 || true
  redis_up && { echo "failover: Redis did not stop" >&2; return 1; }
  echo "failover: Redis stopped"
  sleep "$redis_down_for"
  start_redis
  redis_stopped=""
  echo "failover: Redis started again after ${redis_down_for}s"
}

failed=0
declare -A figures
run_phase() {
  local name=$1 event=$2 error_offset access_offset wrk_pid result kv retried error_lines
  # Before each run, not only the first: after it, replica 2 is a fresh JVM, and a cold JIT on a
  # busy machine is not what the Redis run is about.
  if [ "$warmup" -gt 0 ]; then
    echo
    echo "failover: warming up for ${warmup}s (not counted)"
    wrk_run "$warmup" >"$out/$name-warmup.txt"
  fi
  error_offset=$(stat -c %s "$nginx_logs/error.log" 2>/dev/null || echo 0)
  access_offset=$(stat -c %s "$nginx_logs/access.log" 2>/dev/null || echo 0)
  echo "failover: run '$name': ${duration}s of redirects, event at ${event_at}s"
  wrk_run "$duration" >"$out/$name.txt" 2>&1 &
  wrk_pid=$!
  sleep "$event_at"
  "$event"
  wait "$wrk_pid" || { cat "$out/$name.txt" >&2; die "wrk failed"; }
  sleep 2 # nginx flushes its access log buffer every second

  result=$(sed -n 's/^RESULT //p' "$out/$name.txt")
  [ -n "$result" ] || { cat "$out/$name.txt" >&2; die "no result from wrk"; }
  figures=()
  for kv in $result; do figures[${kv%%=*}]=${kv#*=}; done
  retried=$(tail -c +"$((access_offset + 1))" "$nginx_logs/access.log" | grep -c '"upstream_addr":"[^"]*, ' || true)
  error_lines=$(tail -c +"$((error_offset + 1))" "$nginx_logs/error.log" | grep -c . || true)

  local socket_errors=$((figures[connect] + figures[read] + figures[write] + figures[timeout]))
  printf '%-14s requests %s, non-2xx/3xx %s (4xx %s, 5xx %s), socket errors %s (connect %s, read %s, write %s, timeout %s)\n' \
    "$name" "${figures[requests]}" "${figures[non_2xx_3xx]}" "${figures[status_4xx]}" "${figures[status_5xx]}" \
    "$socket_errors" "${figures[connect]}" "${figures[read]}" "${figures[write]}" "${figures[timeout]}"
  printf '%-14s latency p50 %s ms, p99 %s ms, max %s ms; nginx retried %s requests on another replica; %s nginx error log lines\n' \
    "" "${figures[p50_ms]}" "${figures[p99_ms]}" "${figures[max_ms]}" "$retried" "$error_lines"
  if [ "$error_lines" -gt 0 ]; then
    # The most frequent messages, without timestamp, connection number and client details.
    tail -c +"$((error_offset + 1))" "$nginx_logs/error.log" |
      sed -E 's/^[0-9/]+ [0-9:]+ \[([a-z]+)\] [0-9#]+: (\*[0-9]+ )?/[\1] /; s/, client:.*//' |
      sort | uniq -c | sort -rn | head -n 5 |
      sed 's/^/                 /'
  fi
  if [ "${figures[requests]}" -eq 0 ] || [ "${figures[non_2xx_3xx]}" -ne 0 ] || [ "$socket_errors" -ne 0 ]; then
    failed=1
    echo "$name: FAILED"
  else
    echo "$name: passed"
  fi
}

run_phase replica-kill kill_replica_2
run_phase redis-down stop_redis

echo
if [ "$failed" -ne 0 ]; then
  echo "failover: target missed (zero failed redirects); wrk output and nginx logs under run/"
  exit 1
fi
echo "failover: both runs passed with zero failed redirects"
