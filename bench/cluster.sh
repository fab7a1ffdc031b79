#!/usr/bin/env bash
# Cluster benchmark: the three replicas of scripts/cluster.sh behind its Nginx (nginx/kurz.conf.template,
# upstream keep-alive, the redirect limit_req zone), many clients and default limits, as
# bench/redirect.sh's default mode: every request from one of 16.7 million client addresses at
# random (X-Forwarded-For; Nginx takes it from 127.0.0.1, as from a CDN in front, through
# KURZ_NGINX_TRUSTED_PROXIES), the replicas in KURZ_AUTH_MODE=open (the client of an API request is
# its address). For each connection count: GET /<code>, then GET /urls/<id>, req/s, p50/p99 and
# errors, the Redis commands per request (INFO commandstats of the machine's Redis, which other work
# may share: read them as an upper bound) and the sockets in TIME_WAIT after each run
# (`ss -tan state time-wait`), with those towards or from the replicas' ports apart.
#
#   flock /tmp/kurz-exclusive.lock bench/cluster.sh [--duration S] [--connections "64 256 500"]
#
# Options: --duration S (each measured run, default 30), --warmup S (default 20), --connections
# LIST (default "64 256 500"), --threads N (wrk threads, default 2), --build (build the jar first;
# otherwise target/'s is used).
# Environment: BENCH_DB (kurz_bench, dropped and created again), BENCH_REDIS_DB (3, flushed),
# PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres). Needs ports 8080-8083 free (scripts/cluster.sh),
# and stops the cluster at the end. Writes bench/results/<UTC time>-cluster.txt.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/bench"
args="$*"
duration=30
warmup=20
connections="64 256 500"
threads=2
build=0
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=${2:?}; shift ;;
    --warmup) warmup=${2:?}; shift ;;
    --connections) connections=${2:?}; shift ;;
    --threads) threads=${2:?}; shift ;;
    --build) build=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

db=${BENCH_DB:-kurz_bench}
redis_db=${BENCH_REDIS_DB:-3}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
url=http://127.0.0.1:8080
clients=16777216
stamp=$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$bench/results"
out="$bench/results/$stamp-cluster.txt"
work=$(mktemp -d /tmp/kurz-cluster-bench.XXXXXX)
started=0

die() {
  echo "bench: $*" | tee -a "$out" >&2
  exit 1
}
log() { echo "$*" | tee -a "$out" >&2; }

for tool in wrk nginx psql redis-cli curl ss; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || die "$tool not found"
done
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in 8080 8081 8082 8083; do
  port_busy "$port" && die "port $port is taken (a cluster running? scripts/cluster.sh down)"
done

# shellcheck disable=SC2317 # only reached through the trap
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ "$started" = 1 ]; then "$root/scripts/cluster.sh" down >>"$work/cluster.log" 2>&1 || true; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source=bench/redis-calls.sh
. "$bench/redis-calls.sh"
time_wait() { ss -Htan state time-wait | wc -l; }
# TIME_WAIT sockets with a replica's port (8081-8083) at either end: nginx's upstream connections.
time_wait_upstream() {
  ss -Htan state time-wait | awk '{ split($3, l, ":"); split($4, p, ":"); if (l[2] ~ /^808[123]$/ || p[2] ~ /^808[123]$/) n++ } END { print n + 0 }'
}
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

rows=()
# wrk through Nginx over file $1 at $2 connections for $3 seconds; $4 names the run.
drive() {
  local file=$1 conns=$2 seconds=$3 label=$4 r0 r1 raw result errs per tw tw_up
  read -r -a r0 <<<"$(redis_calls -p 6379)"
  raw=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" --latency -s "$bench/redirect.lua" "$url" -- "$file" "$label" \
    clients "$clients") || { echo "$raw" >&2; die "wrk failed in $label"; }
  read -r -a r1 <<<"$(redis_calls -p 6379)"
  tw=$(time_wait)
  tw_up=$(time_wait_upstream)
  result=$(echo "$raw" | sed -n 's/^RESULT //p')
  errs=$(($(field sock_connect "$result") + $(field sock_read "$result") + $(field sock_write "$result") +
    $(field sock_timeout "$result") + $(field other "$result")))
  case "$label" in *reads*) errs=$((errs - $(field s200 "$result"))) ;; esac
  per=$(awk -v a=$((r1[0] - r0[0])) -v i=$((r1[2] - r0[2])) -v r="$(field requests "$result")" \
    'BEGIN { printf "%.4f", (r ? (a - i) / r : 0) }')
  {
    echo
    echo "### $label: wrk -t$threads -c$conns -d${seconds}s --latency -s bench/redirect.lua $url -- <file> $label clients $clients"
    echo "$raw" | { grep -v '^RESULT' || true; }
    echo "$result"
    echo "redis (INFO commandstats, after - before): $((r1[0] - r0[0])) commands, EVALSHA $((r1[1] - r0[1])), inside the script $((r1[2] - r0[2])); sent per request $per"
    echo "sockets in TIME_WAIT after the run: $tw (with a replica's port at one end: $tw_up); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  } >>"$out"
  printf '%-22s %9.0f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %d  redis/req %s  TIME_WAIT %d (upstream %d)\n' "$label" \
    "$(field rps "$result")" "$(field p50_ms "$result")" "$(field p99_ms "$result")" "$errs" "$per" "$tw" "$tw_up" >&2
  rows+=("$label|$(field rps "$result")|$(field p50_ms "$result")|$(field p99_ms "$result")|$errs|$per|$tw|$tw_up")
}

{
  echo "# bench/cluster.sh run, $(date -u +%FT%TZ)"
  echo "command: bench/cluster.sh $args"
  echo "git HEAD at run time: $(git -C "$root" rev-parse --short HEAD)"
  echo "machine: $(nproc) cores, $(uname -sr), wrk $(wrk -v 2>&1 | awk 'NR==1 { print $2 }'), $(nginx -v 2>&1)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$out"
cat "$out" >&2

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
redis-cli -n "$redis_db" FLUSHDB >/dev/null
log "stores: PostgreSQL database $db created empty, Redis database $redis_db flushed"

skip_build=1
[ "$build" = 1 ] && skip_build=0
started=1
env KURZ_SKIP_BUILD="$skip_build" KURZ_AUTH_MODE=open KURZ_NGINX_TRUSTED_PROXIES=127.0.0.1 \
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  SPRING_DATA_REDIS_DATABASE="$redis_db" "$root/scripts/cluster.sh" up >"$work/cluster.log" 2>&1 ||
  { cat "$work/cluster.log" >&2; die "scripts/cluster.sh up failed"; }
log "cluster: $(grep -c 'replica' "$work/cluster.log") lines of scripts/cluster.sh up; nginx on $url"
log "seed: $("$root/scripts/load-seed.sh" "$url" | tr '\n' ' ')"
psql -X -Atc "SELECT short_code FROM urls WHERE is_active AND deleted_at IS NULL" -d "$db" >"$work/codes.txt"
psql -X -Atc "SELECT 'urls/' || id FROM urls WHERE is_active AND deleted_at IS NULL" -d "$db" >"$work/ids.txt"
log "codes: $(wc -l <"$work/codes.txt"), ids: $(wc -l <"$work/ids.txt"), clients: $clients addresses at random"

drive "$work/codes.txt" 64 "$warmup" warmup-redirects
drive "$work/ids.txt" 64 "$((warmup / 2))" warmup-reads
for conns in $connections; do
  drive "$work/codes.txt" "$conns" "$duration" "redirects-c$conns"
  drive "$work/ids.txt" "$conns" "$duration" "reads-c$conns"
done

{
  echo
  echo "### summary (wrk -t$threads, ${duration}s per run, through Nginx to three replicas)"
  printf '%-22s %10s %9s %9s %7s %10s %10s %9s\n' run req/s p50_ms p99_ms errors redis/req time_wait upstream
  for r in "${rows[@]}"; do
    IFS='|' read -r label rps p50 p99 errs per tw tw_up <<<"$r"
    printf '%-22s %10.0f %9.2f %9.2f %7d %10s %10d %9d\n' "$label" "$rps" "$p50" "$p99" "$errs" "$per" "$tw" "$tw_up"
  done
} | tee -a "$out" >&2
log "results: ${out#"$root"/}"
