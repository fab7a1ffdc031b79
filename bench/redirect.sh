#!/usr/bin/env bash
# Redirect benchmark: one Kurz replica on JDK 25 with everything on (rate limiter, access log,
# click recording) against Nginx answering a static 302 on the same machine, with the same tool
# (wrk), the same request script (bench/redirect.lua) and settings. Then: do the click events in
# PostgreSQL equal the 302s served?
#
#   bench/redirect.sh                 many clients (the default): every request from one of 16.7
#                                     million client addresses at random (X-Forwarded-For, honoured
#                                     from the trusted loopback proxy), default limits; GET /<code>
#                                     and GET /urls/<id> at 64 connections, app and Nginx, with the
#                                     Redis commands per request from INFO commandstats before and
#                                     after each run; then the replica started again in async
#                                     click durability, and GET /<code> against Nginx once more
#                                     (KURZ_CLICKS_DURABILITY set by the caller: that mode only);
#                                     targets PASS/FAIL. With --floor, then the stack's own ceiling
#                                     beside Nginx once more: bench/floor, Kurz's Spring Boot and
#                                     Tomcat with one filter answering every GET with a fixed 302
#                                     (no target: how much of the gap to Nginx is the stack's).
#                                     The replica runs in
#                                     KURZ_AUTH_MODE=open, where the client of an API request is its
#                                     address (the keys mode needs a key for GET /urls/<id>, and one
#                                     key would be one client), and on a Redis server of its own
#                                     (redis-server on BENCH_REDIS_PORT), so that the command counts
#                                     are its own and no one else's.
#   bench/redirect.sh --single-client every request from one client, limits raised to 10^8 a minute,
#                                     keys mode: uniform random codes and one hot code, 64 and 256
#                                     connections, app and Nginx; targets PASS/FAIL
#   bench/redirect.sh --no-limiter    single client with KURZ_RATELIMIT_ENABLED=false (the limiter's cost)
#   bench/redirect.sh --scale         single client, 10 thousand against 1 million generated links,
#                                     random codes (drawn by number: generated:<n> in bench/redirect.lua)
#   bench/redirect.sh --tail          single client, only the 256-connection runs (uniform and hot),
#                                     for A/B runs of a setting against the p99 target
# The three-replica cluster behind its Nginx: bench/cluster.sh.
#
# Options: --duration S (each measured run, default 20), --warmup S (JIT warm-up, at least this
# long and then on until the app's CPU per request and its JIT settle, at most three times as long; default
# 30), --rounds N (measure every scenario N times, app and Nginx alternating; verdicts take the
# median; default 1), --quick (only uniform at 64 connections, for A/B runs of one setting),
# --threads N (wrk threads, default 2), --build (build the jar even if target/ has one),
# --keep (keep the work directory),
# --profile (one more run at 64 connections under Java Flight Recorder; where the app's CPU goes,
# by step of the redirect path, lands in bench/results/<UTC time>-<mode>-profile.txt).
# --cpu-profile (one more run per path at 64 connections under async-profiler, CPU time with kernel frames,
# which JFR does not see: steps as --profile plus system calls by the Java method making them, in
# bench/results/<UTC time>-<mode>-<run>-cpu-profiled.txt; async-profiler is fetched from Maven Central
# through ./mvnw once, into target/).
# Environment: BENCH_JAVA (default Temurin 25), BENCH_JAVA_OPTS, BENCH_APP_PORT (8085),
# BENCH_NGINX_PORT (8090), BENCH_DB (kurz_bench, dropped and created again on every run),
# BENCH_REDIS_DB (3, flushed on every run; single-client modes), BENCH_REDIS_PORT (6391: the
# many-clients mode's own redis-server, no persistence, stopped at the end), PGHOST/PGPORT/PGUSER (127.0.0.1/5432/postgres),
# BENCH_JDBC_OPTIONS (query string for the app's JDBC URL, e.g. reWriteBatchedInserts=true),
# BENCH_JAR (run this jar instead of target/'s, e.g. one built from an older commit:
#   git archive <commit> | tar -x -C /tmp/kurz-<commit>; cd /tmp/kurz-<commit>; ./mvnw -q -B -DskipTests package).
# Any KURZ_*, SPRING_*, SERVER_*, MANAGEMENT_* or LOGGING_* variable set by the caller reaches the
# app (and is written into the results), e.g.
# LOGGING_LEVEL_KURZ_ACCESS=WARN bench/redirect.sh   (no access log lines)
#
# Every run writes bench/results/<UTC time>-<mode>.txt: the command, the machine's load, each wrk
# output, the /metrics counters per run, the table and the verdicts. Exit status 1 when a target
# is missed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/bench"

args="$*"
mode=clients
duration=20
warmup=30
threads=2
rounds=1
scenarios="uniform-c64 hot-c64 uniform-c256 hot-c256"
keep=0
profile=0
cpu_profile=0
build=0
floor=0
while [ $# -gt 0 ]; do
  case "$1" in
    --single-client) mode=normal ;;
    --no-limiter) mode=no-limiter ;;
    --scale) mode=scale ;;
    --duration) duration=${2:?}; shift ;;
    --warmup) warmup=${2:?}; shift ;;
    --threads) threads=${2:?}; shift ;;
    --rounds) rounds=${2:?}; shift ;;
    --keep) keep=1 ;;
    --profile) profile=1 ;;
    --cpu-profile) cpu_profile=1 ;;
    --quick) scenarios="uniform-c64" ;;
    --tail) mode=normal; scenarios="uniform-c256 hot-c256" ;;
    --build) build=1 ;;
    --floor) floor=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$floor" = 1 ] && [ "$mode" != clients ]; then
  echo "--floor runs with the many-clients mode only" >&2
  exit 2
fi

java_bin=${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
# The heap and collector a replica gets in docker-compose.yml: ZGC, 60% of its 1280 MB memory limit.
java_opts=${BENCH_JAVA_OPTS:--XX:+UseZGC -Xms768m -Xmx768m -XX:+ExitOnOutOfMemoryError}
app_port=${BENCH_APP_PORT:-8085}
nginx_port=${BENCH_NGINX_PORT:-8090}
db=${BENCH_DB:-kurz_bench}
redis_db=${BENCH_REDIS_DB:-3}
redis_port=6379
private_redis_port=${BENCH_REDIS_PORT:-6391}
# Client addresses of the many-clients mode, and the arguments that make bench/redirect.lua use them.
clients=16777216
wrk_extra=()
if [ "$mode" = clients ]; then
  redis_port=$private_redis_port
  redis_db=0
  wrk_extra=(clients "$clients")
fi
redis() { redis-cli -p "$redis_port" "$@"; }
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
app="http://127.0.0.1:$app_port"
ceiling="http://127.0.0.1:$nginx_port"
# Set by start_app/start_nginx; read by cleanup.
app_pid=""
nginx_pid=""
redis_pid=""
# The replica's virtual-thread carriers, set by start_app.
carriers=""

out=""
die() {
  echo "bench: $*" >&2
  if [ -n "$out" ]; then echo "bench: $*" >>"$out"; fi
  exit 1
}

for tool in wrk nginx psql redis-cli curl jq; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || die "$tool not found: apt-get install -y $tool"
done
[ -x "$java_bin" ] || die "no JDK at $java_bin (set BENCH_JAVA); virtual threads need JDK 21 or later"
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$app_port" && die "port $app_port is taken; set BENCH_APP_PORT"
if [ "$mode" != scale ]; then
  port_busy "$nginx_port" && die "port $nginx_port is taken; set BENCH_NGINX_PORT"
fi
if [ "$mode" = clients ]; then
  port_busy "$redis_port" && die "port $redis_port is taken; set BENCH_REDIS_PORT"
fi

work=$(mktemp -d /tmp/kurz-bench.XXXXXX)
stamp=$(date -u +%Y%m%d-%H%M%S)
# The app runs in the keys mode, as deployed; this run's admin key reads /metrics, /urls and /events.
admin_key="kurz_bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
# shellcheck source=scripts/as-admin.sh
. "$root/scripts/as-admin.sh"
mkdir -p "$bench/results"
out="$bench/results/$stamp-$mode.txt"

# SIGTERM: graceful, the click buffer is written out before the JVM exits.
stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$app_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}

# shellcheck disable=SC2317 # only reached through the trap
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
    kill -QUIT "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  stop_app
  if [ -n "$redis_pid" ] && kill -0 "$redis_pid" 2>/dev/null; then
    kill -TERM "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  # A wrk still running (a warm-up pass cut short) would hold the caller's lock and the ports.
  local left
  left=$(jobs -p)
  # shellcheck disable=SC2086 # a list of pids
  [ -z "$left" ] || kill $left 2>/dev/null || true
  if [ "$keep" = 1 ]; then
    echo "bench: work directory kept: $work" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "$*" | tee -a "$out"; }
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

# --- the app and the ceiling --------------------------------------------------------------------

build_jar() {
  local jar=${BENCH_JAR:-}
  if [ -n "$jar" ]; then
    [ -f "$jar" ] || die "BENCH_JAR=$jar: no such file"
    cp "$jar" "$work/kurz.jar"
    log "jar: $jar ($(sha256sum "$work/kurz.jar" | cut -c1-12), built $(date -u -r "$jar" +%FT%TZ)), from BENCH_JAR"
    return
  fi
  jar=$(find "$root/target" -maxdepth 1 -name 'kurz-*.jar' ! -name '*-plain.jar' 2>/dev/null | head -n 1)
  if [ -z "$jar" ] || [ "$build" = 1 ]; then
    log "building the jar: ./mvnw -q -B -DskipTests package"
    (cd "$root" && JAVA_HOME=$(dirname "$(dirname "$java_bin")") ./mvnw -q -B -DskipTests package) >&2
    jar=$(find "$root/target" -maxdepth 1 -name 'kurz-*.jar' ! -name '*-plain.jar' | head -n 1)
  fi
  log "jar source: last commit to src/main or pom.xml before the jar was built:" \
    "$(git -C "$root" log -1 --format='%h %s' --before="$(date -u -r "$jar" +%FT%TZ)" -- src/main pom.xml)"
  if [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
    log "note: src/main has changed since the jar was built; --build rebuilds it"
  fi
  # A copy: a build started elsewhere during the run must not swap the jar under the JVM.
  cp "$jar" "$work/kurz.jar"
  log "jar: $jar ($(sha256sum "$work/kurz.jar" | cut -c1-12), built $(date -u -r "$jar" +%FT%TZ))"
}

reset_stores() {
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  if [ "$mode" = clients ]; then
    redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
      --logfile "$work/redis.log" &
    redis_pid=$!
    for _ in $(seq 1 50); do
      [ "$(redis PING 2>/dev/null || true)" = PONG ] && break
      sleep 0.1
    done
    [ "$(redis PING 2>/dev/null || true)" = PONG ] || die "redis-server on port $redis_port did not start"
    log "stores: PostgreSQL database $db created empty, redis-server $(redis INFO server | tr -d '\r' | sed -n 's/^redis_version://p') of this run on port $redis_port"
  else
    redis -n "$redis_db" FLUSHDB >/dev/null
    log "stores: PostgreSQL database $db created empty, Redis database $redis_db flushed"
  fi
}

# shellcheck source=bench/redis-calls.sh
. "$bench/redis-calls.sh"

# $1: the click durability (commit, the default, or async).
start_app() {
  local durability=${1:-${KURZ_CLICKS_DURABILITY:-commit}}
  local limiter=true
  local limits=(KURZ_RATELIMIT_REQUESTSPERMINUTE=100000000 KURZ_RATELIMIT_WRITESPERMINUTE=100000000
    KURZ_RATELIMIT_REDIRECTSPERMINUTE=100000000)
  local described="limits 100000000/min"
  [ "$mode" = no-limiter ] && limiter=false
  if [ "$mode" = clients ]; then
    # Default limits; the client of an API request is its address.
    limits=(KURZ_AUTH_MODE=open)
    described="default limits, KURZ_AUTH_MODE=open"
  fi
  # shellcheck disable=SC2086 # java_opts is a list of flags
  env PORT="$app_port" \
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db${BENCH_JDBC_OPTIONS:+?$BENCH_JDBC_OPTIONS}" \
    SPRING_DATASOURCE_USERNAME="$PGUSER" \
    SPRING_DATA_REDIS_PORT="$redis_port" \
    SPRING_DATA_REDIS_DATABASE="$redis_db" \
    KURZ_RATELIMIT_ENABLED="$limiter" \
    KURZ_CLICKS_DURABILITY="$durability" \
    "${limits[@]}" \
    KURZ_CLICKS_IPHASHKEY="${KURZ_CLICKS_IPHASHKEY:-bench-$stamp}" \
    KURZ_PUBLICBASEURL="$app" \
    KURZ_AUTH_ADMINKEYS="$admin_key" \
    "$java_bin" $java_opts -Xlog:gc,gc+phases:file="$work/gc.log" -Dkurz.bench="$stamp" -jar "$work/kurz.jar" >"$work/app.log" 2>&1 &
  app_pid=$!
  local i
  for i in $(seq 1 120); do
    kill -0 "$app_pid" 2>/dev/null ||
      die "the app exited while starting: $(grep -o 'Caused by: [^\\]*' "$work/app.log" | tail -n 1)"
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$app/health" || true)" = 200 ] && break
    [ "$i" = 120 ] && die "the app did not answer /health within 60 s (log: $work/app.log)"
    sleep 0.5
  done
  # The carriers of the virtual threads serving requests (src/main/java/dev/kurz/ops/VirtualThreadCarriers.java);
  # bench/floor gets as many.
  carriers=$("$(dirname "$java_bin")/jcmd" "$app_pid" VM.system_properties 2>/dev/null |
    sed -n 's/^jdk\.virtualThreadScheduler\.parallelism=//p')
  log "app: pid $app_pid on $app, $("$java_bin" -version 2>&1 | sed -n 2p), JAVA_OPTS=$java_opts," \
    "virtual-thread carriers ${carriers:-JDK default (one per processor)}," \
    "rate limiter enabled=$limiter ($described), click durability $durability, access log level" \
    "${LOGGING_LEVEL_KURZ_ACCESS:-INFO}, ready after $((i / 2)) s"
}

# Waits until $1 answers 302, for at most $2 seconds; $3 names what should answer.
await_302() {
  local i
  for i in $(seq 1 $(($2 * 4))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = 302 ] && return 0
    sleep 0.25
  done
  die "$3 did not answer 302 on $1 within $2 s"
}

start_nginx() {
  mkdir -p "$work/nginx"
  sed -e "s|@DIR@|$work/nginx|g" -e "s|@PORT@|$nginx_port|g" "$bench/nginx-static.conf.template" \
    >"$work/nginx/nginx.conf"
  "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
  nginx_pid=$!
  await_302 "$ceiling/x" 10 nginx
  log "nginx: pid $nginx_pid on $ceiling, $("$nginx_bin" -v 2>&1 | sed 's/.*: //'), static 302, access log off," \
    "worker_processes auto"
}

# --- measuring ----------------------------------------------------------------------------------

# CPU time in clock ticks of the given processes, from /proc.
cpu_ticks() {
  local pid total=0 fields
  for pid in "$@"; do
    fields=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
    # After the command: field 12 is utime and 13 stime.
    total=$((total + $(echo "$fields" | awk '{ print $12 + $13 }')))
  done
  echo "$total"
}

# The processes whose CPU a run charges to $1 (app or nginx), to Redis and to PostgreSQL. Redis
# and PostgreSQL are the machine's shared servers: other users' load lands there too.
pids_of() {
  case "$1" in
    app | floor) echo "$app_pid" ;;
    nginx) echo "$nginx_pid $(ps -o pid= --ppid "$nginx_pid" | tr '\n' ' ')" ;;
    redis) pgrep -x redis-server | tr '\n' ' ' ;;
    postgres) pgrep -x postgres | tr '\n' ' ' ;;
  esac
}

# Listen-queue overflows, SYN retransmits and retransmitted segments since boot, from /proc/net.
tcp_counters() {
  awk '$1 == "TcpExt:" && !h { for (i = 2; i <= NF; i++) n[$i] = i; h = 1; next }
       $1 == "TcpExt:" { o = $n["ListenOverflows"]; s = $n["TCPSynRetrans"] }
       $1 == "Tcp:" && !t { for (i = 2; i <= NF; i++) m[$i] = i; t = 1; next }
       $1 == "Tcp:" { r = $m["RetransSegs"] }
       END { print o + 0, s + 0, r + 0 }' /proc/net/netstat /proc/net/snmp
}

# Microseconds of CPU per request: $1 clock ticks over $2 requests.
per_request() { awk -v c="$1" -v r="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", (r ? c * 1e6 / hz / r : 0) }'; }

# Busy and total ticks of the whole machine, from /proc/stat.
machine_ticks() { awk '/^cpu / { print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9 }' /proc/stat; }

metrics() { as_admin -sS --max-time 10 "$app/metrics"; }

# The click writers' totals from /metrics/prometheus: batches, clicks in them, seconds writing
# them and batches timed, seconds redirects waited for their commit and redirects that waited.
batch_totals() {
  as_admin -sS --max-time 10 "$app/metrics/prometheus" | awk '
    /^kurz_clicks_batch_size_count/ { n = $NF } /^kurz_clicks_batch_size_sum/ { s = $NF }
    /^kurz_clicks_batch_write_seconds_sum/ { w = $NF } /^kurz_clicks_batch_write_seconds_count/ { wn = $NF }
    /^kurz_clicks_commit_wait_seconds_sum/ { c = $NF } /^kurz_clicks_commit_wait_seconds_count/ { cn = $NF }
    END { print n + 0, s + 0, w + 0, wn + 0, c + 0, cn + 0 }'
}

# The batch cycle between two batch_totals ($1 before, $2 after); nothing when no batch was written.
batch_cycle() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    split(a, x, " "); split(b, y, " "); n = y[1] - x[1]
    if (n <= 0) exit
    printf "%d batches, %.1f clicks each, %.2f ms to write one", n, (y[2] - x[2]) / n, 1000 * (y[3] - x[3]) / (y[4] - x[4])
    if (y[6] > x[6]) printf "; a redirect waited %.2f ms for its commit", 1000 * (y[5] - x[5]) / (y[6] - x[6])
    print "" }'
}

# PostgreSQL's own work beside the app's statements: checkpoints, the buffers they wrote, and
# autovacuum / autoanalyze rounds finished on the bench database's tables.
# PostgreSQL 17 moved the checkpoint counters to pg_stat_checkpointer; set once the stores are
# ready (pg_counters runs in command substitutions, where a value it set would not outlive it).
# The WAL written (bytes, and whole pages written to it the first time they change after a
# checkpoint; pg_stat_wal, PostgreSQL 14 and later) and the bench database's blocks read from
# outside PostgreSQL's shared buffers, per click: what grows with the number of links.
checkpoints_query=""
wal_query="'0 0'"
set_checkpoints_query() {
  local version
  version=$(psql_bench -Atc "SHOW server_version_num")
  checkpoints_query="SELECT checkpoints_timed + checkpoints_req || ' ' || buffers_checkpoint FROM pg_stat_bgwriter"
  if [ "$version" -ge 170000 ]; then
    checkpoints_query="SELECT num_timed + num_requested || ' ' || buffers_written FROM pg_stat_checkpointer"
  fi
  if [ "$version" -ge 140000 ]; then
    wal_query="SELECT wal_bytes::bigint || ' ' || wal_fpi FROM pg_stat_wal"
  fi
}
pg_counters() {
  psql_bench -Atc "SELECT ($checkpoints_query)
    || ' ' || (SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0) FROM pg_stat_user_tables)
    || ' ' || ($wal_query)
    || ' ' || (SELECT blks_read FROM pg_stat_database WHERE datname = current_database())"
}
# $1 and $2: pg_counters before and after a run; $3: the clicks recorded in it.
pg_background() {
  local a b clicks
  read -r -a a <<<"$1"
  read -r -a b <<<"$2"
  clicks=${3:-0}
  echo "postgres background: $((b[0] - a[0])) checkpoints ($((b[1] - a[1])) buffers written), $((b[2] - a[2])) autovacuum/autoanalyze rounds finished, $(psql_bench -Atc "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'") autovacuum workers busy at the end"
  awk -v wb=$((b[3] - a[3])) -v fpi=$((b[4] - a[4])) -v rd=$((b[5] - a[5])) -v c="$clicks" 'BEGIN {
    printf "postgres writes and reads: WAL %.0f MB, %.0f bytes and %.3f full-page images per click; %.3f blocks read from outside shared buffers per click\n",
      wb / 1048576, (c ? wb / c : 0), (c ? fpi / c : 0), (c ? rd / c : 0) }'
}

# The value of key=value in a RESULT line.
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# Totals over the app's runs, for the click check and the error target.
client_302=0
inflight_bound=0
app_errors=0
warmup_errors=0
table_rows=()

# wrk against $1 (app or nginx) with codes file $2, $3 connections for $4 seconds; $5 names the
# run. Prints the RESULT line's fields to the results file with the layer counters and CPU.
# With $4 = pass: every code of the file once, in file order, however long that takes.
drive() {
  local target=$1 codes=$2 conns=$3 seconds=$4 label=$5 url=$ceiling
  [ "$target" = nginx ] || url=$app
  local m0="" m1="" t0 t1 k0 k1 c0=() c1=() raw result who p gc0=0 gc=""
  local -a procs=("$target" redis postgres)
  local pg0="" pg1="" clicks=0 r0=() r1=() redis_per="" b0="" cycle=""
  if [ "$target" = app ]; then
    read -r -a r0 <<<"$(redis_calls -p "$redis_port")"
    m0=$(metrics)
    b0=$(batch_totals)
    gc0=$(wc -l <"$work/gc.log")
    pg0=$(pg_counters)
  fi
  read -r -a t0 <<<"$(machine_ticks)"
  read -r -a k0 <<<"$(tcp_counters)"
  for who in "${procs[@]}"; do
    read -r -a p <<<"$(pids_of "$who")"
    c0+=("$(cpu_ticks "${p[@]}")")
  done
  # Marks the start for bench/perf-phases.sh, which records while the run is under way.
  echo "started $label at $(date -u +%H:%M:%S)" >>"$out"
  if [ "$seconds" = pass ]; then
    raw=$(wrk_pass "$url" "$codes" "$conns" "$label")
  else
    raw=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" --latency -s "$bench/redirect.lua" "$url" -- "$codes" "$label" "${wrk_extra[@]}") ||
      { echo "$raw" >&2; die "wrk failed in $label"; }
  fi
  for who in "${procs[@]}"; do
    read -r -a p <<<"$(pids_of "$who")"
    c1+=("$(cpu_ticks "${p[@]}")")
  done
  read -r -a t1 <<<"$(machine_ticks)"
  read -r -a k1 <<<"$(tcp_counters)"
  if [ "$target" = app ]; then
    m1=$(metrics)
    cycle=$(batch_cycle "$b0" "$(batch_totals)")
    read -r -a r1 <<<"$(redis_calls -p "$redis_port")"
    pg1=$(pg_counters)
    clicks=$(jq -rn --argjson a "$m0" --argjson b "$m1" '$b.clicks.recorded - $a.clicks.recorded')
    # Pauses and stalls logged during the run: G1 "... Pause Young (Normal) (G1 Evacuation Pause)
    # 300M->130M(512M) 23.456ms", ZGC "... Y: Pause Mark End 0.018ms", "... Allocation Stall (<thread>) 1.2ms"
    gc=$(tail -n +"$((gc0 + 1))" "$work/gc.log" | { grep -oE '(Pause|Allocation Stall).* [0-9.]*ms$' || true; } |
      awk '{ ms = $NF; sub(/ms$/, "", ms); n++; t += ms; if (ms > m) m = ms } END { printf "%d pauses, %.0f ms in all, longest %.1f ms", n, t, m }')
  fi
  {
    echo
    if [ "$seconds" = pass ]; then
      echo "### $label: wrk -t$threads -c$conns --latency -s bench/redirect.lua $url -- <$(wc -l <"$codes") codes> $label pass $threads (every code once)"
    elif [[ $codes == generated:* ]]; then
      echo "### $label: wrk -t$threads -c$conns -d${seconds}s --latency -s bench/redirect.lua $url -- $codes"
    else
      echo "### $label: wrk -t$threads -c$conns -d${seconds}s --latency -s bench/redirect.lua $url -- <$(wc -l <"$codes") codes>"
    fi
    echo "$raw" | { grep -v '^RESULT' || true; }
    echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  } >>"$out"
  result=$(echo "$raw" | sed -n 's/^RESULT //p')
  local requests s302 other sock busy cpu_us cpu_redis cpu_pg layers=""
  requests=$(field requests "$result")
  s302=$(field s302 "$result")
  other=$(field other "$result")
  # GET /urls/<id> answers 200: not an error there.
  case "$label" in *reads*) other=$((other - $(field s200 "$result"))) ;; esac
  sock=$(($(field sock_connect "$result") + $(field sock_read "$result") + $(field sock_write "$result") +
    $(field sock_timeout "$result")))
  # Machine CPU busy over the run, and the target's own CPU per request (1 tick = 10 ms).
  busy=$(awk -v b="$((t1[0] - t0[0]))" -v t="$((t1[1] - t0[1]))" 'BEGIN { printf "%.0f", (t ? 100 * b / t : 0) }')
  cpu_us=$(per_request $((c1[0] - c0[0])) "$requests")
  cpu_redis=$(per_request $((c1[1] - c0[1])) "$requests")
  cpu_pg=$(per_request $((c1[2] - c0[2])) "$requests")
  if [ "$target" = app ]; then
    client_302=$((client_302 + s302))
    inflight_bound=$((inflight_bound + conns))
    case "$label" in
      warmup*) warmup_errors=$((warmup_errors + sock + other)) ;;
      *) app_errors=$((app_errors + sock + other)) ;;
    esac
    layers=$(jq -rn --argjson a "$m0" --argjson b "$m1" \
      '"L1=\($b.cache.local_hits - $a.cache.local_hits) redis=\($b.cache.redis_hits - $a.cache.redis_hits) db=\($b.cache.database_loads - $a.cache.database_loads) clicks_recorded=\($b.clicks.recorded - $a.clicks.recorded) dropped=\($b.clicks.dropped - $a.clicks.dropped) pool_active_at_end=\($b.db_pool.active) redis_bypassed=\($b.cache.redis_bypassed) limiter_local_fallback=\($b.rate_limit.local_fallback) refused=\($b.rate_limit.refused - $a.rate_limit.refused)"')
  fi
  if [ "$target" = app ]; then
    # Commands sent by the app (all less those run inside its scripts) per request wrk counted.
    redis_per=$(awk -v a=$((r1[0] - r0[0])) -v e=$((r1[1] - r0[1])) -v i=$((r1[2] - r0[2])) -v r="$requests" \
      'BEGIN { printf "%.4f", (r ? (a - i) / r : 0) }')
  fi
  {
    echo "$result"
    if [ "$target" = app ]; then
      echo "redis (INFO commandstats, after - before): $((r1[0] - r0[0])) commands, of which EVALSHA $((r1[1] - r0[1])) and $((r1[2] - r0[2])) run inside the rate-limit script; sent per request: $redis_per"
    fi
    echo "cpu per request: $target ${cpu_us} us, redis-server ${cpu_redis} us, postgres ${cpu_pg} us; machine busy ${busy}%"
    echo "tcp (whole machine): $((k1[0] - k0[0])) listen-queue overflows, $((k1[1] - k0[1])) SYN retransmits, $((k1[2] - k0[2])) segments retransmitted"
    if [ -n "$layers" ]; then echo "lookups and counters: $layers"; fi
    if [ -n "$cycle" ]; then echo "click batches: $cycle"; fi
    if [ -n "$gc" ]; then echo "gc: $gc"; fi
    if [ -n "$pg1" ]; then pg_background "$pg0" "$pg1" "$clicks"; fi
  } >>"$out"
  printf '%-28s %9.0f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %d  (%s us CPU/req)\n' "$label" \
    "$(field rps "$result")" "$(field p50_ms "$result")" "$(field p99_ms "$result")" "$((sock + other))" "$cpu_us" >&2
  table_rows+=("$target|$label|$conns|$(field rps "$result")|$(field p50_ms "$result")|$(field p99_ms "$result")|$((sock + other))|$cpu_us|$busy|$layers|${redis_per:--}")
}

# wrk over every code of file $2 once (see bench/redirect.lua): $1 URL, $3 connections, $4 label.
# The threads mark their end in files; wrk runs on until interrupted, so it is interrupted then.
wrk_pass() {
  local url=$1 codes=$2 conns=$3 label=$4 pid started=$SECONDS
  rm -f "$work"/pass-done-*
  wrk -t"$threads" -c"$conns" -d3600s --latency -s "$bench/redirect.lua" "$url" -- "$codes" "$label" pass \
    "$threads" "$work/pass-done-" >"$work/pass.out" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null && [ "$(find "$work" -name 'pass-done-*' | wc -l)" -lt "$threads" ]; do
    [ $((SECONDS - started)) -lt 1800 ] || { kill "$pid"; die "$label: no end of the pass after 1800 s"; }
    sleep 0.2
  done
  kill -INT "$pid" 2>/dev/null || true
  wait "$pid" || { cat "$work/pass.out" >&2; die "wrk failed in $label"; }
  cat "$work/pass.out"
}

# Field $2 (1-based, |-separated) of the runs labelled $1 or $1#<round>: the median over rounds.
row() {
  local r
  for r in "${table_rows[@]}"; do
    case "$(echo "$r" | cut -d'|' -f2)" in
      "$1" | "$1#"*) echo "$r" | cut -d'|' -f"$2" ;;
    esac
  done | sort -g | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Methods the app's JIT has compiled so far (jstat beside the java binary).
jit_compiled() {
  "$(dirname "$java_bin")/jstat" -compiler "$app_pid" | awk 'NR == 2 { print $1 }'
}

# JIT warm-up in runs of 10 s at 64 connections over codes $1 (labelled $2-<n>, default warmup) of
# $3 (app, the default, or floor): at
# least $warmup seconds, then until, twice in a row, the app's CPU per request moved less than 10%
# and the JIT compiled at most 25 methods during the run (a path that compiles slowly, on a busy
# machine, can hold still for a run or two while still interpreted), at most 3 x $warmup.
warm_up() {
  local codes=$1 label=${2:-warmup} target=${3:-app} n=0 previous=0 current steady=0 jit0 jit=0
  while :; do
    n=$((n + 1))
    jit0=$(jit_compiled)
    drive "$target" "$codes" 64 10 "$label-$n"
    jit=$(($(jit_compiled) - jit0))
    current=$(echo "${table_rows[-1]}" | cut -d'|' -f8)
    if [ "$previous" -gt 0 ] && [ "$jit" -le 25 ] &&
      [ $((100 * (current > previous ? current - previous : previous - current))) -le $((10 * previous)) ]; then
      steady=$((steady + 1))
    else
      steady=0
    fi
    if [ $((n * 10)) -ge "$warmup" ] && [ "$steady" -ge 2 ]; then
      break
    fi
    if [ $((n * 10)) -ge $((3 * warmup)) ]; then
      log "warm-up: CPU per request or the JIT still moving after $((n * 10)) s ($previous -> $current us, $jit methods compiled in the last run); measuring anyway"
      break
    fi
    previous=$current
  done
  log "warm-up ($label): $((n * 10)) s, $jit methods compiled in the last run"
}

verdicts=()
failed=0
verdict() {
  local ok=$1 text=$2
  if [ "$ok" = 1 ]; then verdicts+=("PASS  $text"); else verdicts+=("FAIL  $text"); failed=1; fi
}

# Every click written? Compares PostgreSQL with the app's count of 302s answered to GETs (and
# Micrometer's http.server.requests). wrk abandons the requests in flight when its time is up: the
# app serves them (and records their clicks) but wrk never counts them, so wrk's own count may be
# short of the app's by at most the connections of each run.
check_clicks() {
  local clicks0=$1 served0=$2 what=${3:-} headers total_header clicks served prom m dropped failed_clicks
  headers=$(as_admin -sS -D - -o /dev/null "$app/events?event_type=click&per_page=1")
  total_header=$(echo "$headers" | tr -d '\r' | sed -n 's/^[Xx]-[Tt]otal-[Cc]ount: //p')
  for _ in $(seq 1 40); do
    [ "$(metrics | jq '.clicks.buffered')" = 0 ] && break
    sleep 0.25
  done
  m=$(metrics)
  clicks=$(($(psql_bench -Atc "SELECT count(*) FROM events WHERE event_type = 'click'") - clicks0))
  served=$(($(echo "$m" | jq '.redirects_served') - served0))
  prom=$(as_admin -sS "$app/metrics/prometheus" |
    awk '/^http_server_requests_seconds_count\{/ && /method="GET"/ && /status="302"/ { s += $NF } END { printf "%d", s }')
  dropped=$(echo "$m" | jq '.clicks.dropped')
  failed_clicks=$(echo "$m" | jq '.clicks.failed')
  {
    echo
    echo "### clicks"
    echo "302s received by wrk (all app runs, warm-up included): $client_302"
    echo "302s answered to GET by the app (/metrics redirects_served): $served; http.server.requests GET 302: $prom"
    echo "answered but abandoned by wrk at the end of its runs: $((served - client_302)) (bound: $inflight_bound, the connections of all runs)"
    echo "click events added in PostgreSQL: $clicks (GET /events X-Total-Count after the flush: $total_header)"
    echo "/metrics clicks: $(echo "$m" | jq -c '.clicks')"
  } | tee -a "$out" >&2
  local ok=0
  # No http.server.requests at all: the observation was switched off for an A/B run.
  [ "$prom" = 0 ] && prom=$served
  if [ "$clicks" = "$served" ] && [ "$served" = "$prom" ] && [ "$dropped" = 0 ] && [ "$failed_clicks" = 0 ] &&
    [ "$client_302" -le "$served" ] && [ "$served" -le $((client_302 + inflight_bound)) ]; then
    ok=1
  fi
  verdict "$ok" "${what}zero clicks lost: $clicks click events = $served 302s served to GET (wrk saw $client_302), dropped $dropped, failed $failed_clicks"
}

# Access log lines of GET 302s (the async appender drops INFO lines rather than block, so a
# shortfall here means lost log lines, not lost redirects), and the app's warnings and errors.
log_findings() {
  local lines redis_up
  redis_up=$(redis-cli info server | tr -d '\r' | sed -n 's/^uptime_in_seconds://p')
  if [ "${redis_up:-0}" -lt "$SECONDS" ]; then
    log "Redis restarted during the run: up for $redis_up s of the benchmark's $SECONDS s"
  fi
  if [ "$(psql -X -Atc "SELECT extract(epoch FROM now() - pg_postmaster_start_time())::int" -d postgres)" -lt "$SECONDS" ]; then
    log "PostgreSQL restarted during the run"
  fi
  lines=$(grep -c '"logger":"kurz.access".*"method":"GET".*"status":302' "$work/app.log" || true)
  log "access log: $lines GET 302 lines for $1 302s served; app log $(du -h "$work/app.log" | cut -f1)"
  {
    echo "warnings and errors in the app log (count, logger, message):"
    { grep -E '"level":"(WARN|ERROR)"' "$work/app.log" || true; } | jq -r '"\(.logger) \(.message | .[0:120])"' 2>/dev/null |
      sort | uniq -c | sort -rn | head -n 10 | sed 's/^/  /'
  } | tee -a "$out" >&2
}

# Many clients, default limits: redirects and GET /urls/<id> at 64 connections, app and Nginx, in
# commit durability; then the app started again in async durability on the same stores, and
# redirects once more. Each durability has its own target: a commit-mode redirect waits for its
# click's commit (>= 0.20), an async one does not (>= 0.25).
run_many_clients() {
  start_nginx
  log "seed: $(KURZ_ADMIN_KEY="$admin_key" "$root/scripts/load-seed.sh" "$app" | tr '\n' ' ')"
  psql_bench -Atc "SELECT short_code FROM urls WHERE is_active AND deleted_at IS NULL" >"$work/codes.txt"
  psql_bench -Atc "SELECT 'urls/' || id FROM urls WHERE is_active AND deleted_at IS NULL" >"$work/ids.txt"
  log "codes: $(wc -l <"$work/codes.txt") active seed codes; ids: $(wc -l <"$work/ids.txt") for GET /urls/<id>;" \
    "clients: $clients addresses at random (X-Forwarded-For 11.x.y.z)"

  local durabilities="commit async" durability prefix first=1 previous="" scenarios_run=() scenario
  [ -n "${KURZ_CLICKS_DURABILITY:-}" ] && durabilities=$KURZ_CLICKS_DURABILITY
  for durability in $durabilities; do
    prefix=""
    if [ "$first" = 0 ]; then
      prefix="$durability-"
      stop_app
      mv "$work/app.log" "$work/app-$previous.log"
      start_app "$durability"
    fi
    many_clients_phase "$durability" "$prefix" "$first"
    scenarios_run+=("${prefix}redirects-c64:$durability")
    [ "$first" = 1 ] && scenarios_run+=("reads-c64:$durability")
    first=0
    previous=$durability
  done
  [ "$floor" = 1 ] && floor_phase "$previous"

  print_table
  {
    echo
    echo "### app / nginx (req/s; median of $rounds round(s))"
    for scenario in "${scenarios_run[@]}"; do
      scenario=${scenario%:*}
      awk -v a="$(row "app-$scenario" 4)" -v n="$(row "nginx-$scenario" 4)" -v l="$scenario" \
        'BEGIN { printf "%-22s %8.0f / %8.0f = %.3f\n", l, a, n, a / n }'
    done
    if [ "$floor" = 1 ]; then
      awk -v a="$(row floor-redirects-c64 4)" -v n="$(row nginx-floor-redirects-c64 4)" \
        'BEGIN { printf "%-22s %8.0f / %8.0f = %.3f (the stack alone, bench/floor)\n", "floor-redirects-c64", a, n, a / n }'
    fi
  } | tee -a "$out" >&2

  local ratio p99 errs per target
  for scenario in "${scenarios_run[@]}"; do
    durability=${scenario#*:}
    scenario=${scenario%:*}
    ratio=$(awk -v a="$(row "app-$scenario" 4)" -v n="$(row "nginx-$scenario" 4)" 'BEGIN { printf "%.3f", a / n }')
    p99=$(row "app-$scenario" 6)
    errs=$(row "app-$scenario" 7)
    per=$(row "app-$scenario" 11)
    case "$scenario" in
      *redirects-c64)
        target=0.25
        [ "$durability" = commit ] && target=0.20
        verdict "$(awk -v r="$ratio" -v t="$target" -v p="$p99" -v e="$errs" 'BEGIN { print (r >= t && p <= 25 && e == 0) ? 1 : 0 }')" \
          "GET /<code> in $durability durability, many clients, 64 connections: $ratio x Nginx (target >= $target), p99 $p99 ms (<= 25), errors $errs (0)"
        # Printed to four places: below 0.0005 a run of hundreds of thousands of redirects sent
        # at most a few commands (the app's own background work), none of them for a redirect.
        verdict "$(awk -v r="$per" 'BEGIN { print (r < 0.0005) ? 1 : 0 }')" \
          "Redis commands per redirect in $durability durability: $per (target 0)"
        ;;
      *)
        verdict "$(awk -v r="$ratio" -v p="$p99" -v e="$errs" 'BEGIN { print (r >= 0.08 && p <= 25 && e == 0) ? 1 : 0 }')" \
          "GET /urls/<id>, many clients, 64 connections: $ratio x Nginx (target >= 0.08), p99 $p99 ms (<= 25), errors $errs (0)"
        verdict "$(awk -v r="$per" 'BEGIN { print (r <= 1.05) ? 1 : 0 }')" \
          "Redis commands sent per GET /urls/<id>: $per (target <= 1.05)"
        ;;
    esac
  done
  errors_verdict
}

# One durability of run_many_clients on the app now running: $1 the durability, $2 the prefix of
# its labels, $3 1 for the first (which also measures GET /urls/<id> and runs the profiles).
many_clients_phase() {
  local durability=$1 prefix=$2 first=$3 clicks0 served0 round suffix
  clicks0=$(psql_bench -Atc "SELECT count(*) FROM events WHERE event_type = 'click'")
  served0=$(metrics | jq '.redirects_served')
  client_302=0
  inflight_bound=0

  warm_up "$work/codes.txt" "${prefix}warmup"
  if [ "$first" = 1 ]; then
    # GET /urls/<id> runs code that redirects never reach (the security chain, Spring MVC,
    # JSON): warmed up the same way, so that its runs measure compiled code.
    warm_up "$work/ids.txt" warmup-reads
    drive nginx "$work/codes.txt" 64 5 nginx-warmup
  fi
  for round in $(seq 1 "$rounds"); do
    suffix=""
    [ "$rounds" -gt 1 ] && suffix="#$round"
    drive app "$work/codes.txt" 64 "$duration" "app-${prefix}redirects-c64$suffix"
    drive nginx "$work/codes.txt" 64 "$duration" "nginx-${prefix}redirects-c64$suffix"
    if [ "$first" = 1 ]; then
      drive app "$work/ids.txt" 64 "$duration" "app-reads-c64$suffix"
      drive nginx "$work/ids.txt" 64 "$duration" "nginx-reads-c64$suffix"
    fi
  done
  if [ "$profile" = 1 ] && [ "$first" = 1 ]; then profile_run "$work/ids.txt" app-reads-c64-profiled; fi
  if [ "$cpu_profile" = 1 ]; then
    cpu_profile_run "$work/codes.txt" "app-${prefix}redirects-c64-cpu-profiled"
    [ "$first" = 1 ] && cpu_profile_run "$work/ids.txt" app-reads-c64-cpu-profiled
  fi
  log "### $durability durability"
  check_clicks "$clicks0" "$served0" "$durability durability: "
  log_findings "$(($(metrics | jq '.redirects_served') - served0))"
}

# --floor: the replica (whose log is kept as app-$1.log) stopped, bench/floor on its port with the
# same JVM and carriers, warmed up as the replica was, then measured beside Nginx.
floor_phase() {
  local jar=$bench/floor/target/kurz-floor.jar round suffix parallelism=()
  if [ ! -f "$jar" ] || [ "$build" = 1 ] || [ -n "$(find "$bench/floor/src" "$bench/floor/pom.xml" -newer "$jar" -print -quit)" ]; then
    log "building the floor: ./mvnw -q -B -f bench/floor/pom.xml -DskipTests package"
    (cd "$root" && JAVA_HOME=$(dirname "$(dirname "$java_bin")") ./mvnw -q -B -f bench/floor/pom.xml -DskipTests package) >&2
  fi
  stop_app
  mv "$work/app.log" "$work/app-$1.log"
  # The replica's carriers, as start_app read them (none set: the JDK's default for both).
  [ -n "$carriers" ] && parallelism=(-Djdk.virtualThreadScheduler.parallelism="$carriers")
  # shellcheck disable=SC2086 # java_opts is a list of flags
  "$java_bin" "${parallelism[@]}" $java_opts -jar "$jar" \
    --server.port="$app_port" >"$work/floor.log" 2>&1 &
  app_pid=$!
  await_302 "$app/x" 30 "bench/floor (log: $work/floor.log)"
  log "floor: pid $app_pid on $app, bench/floor ($(sha256sum "$jar" | cut -c1-12)), JAVA_OPTS=$java_opts," \
    "virtual-thread carriers ${carriers:-JDK default (one per processor)}"
  warm_up "$work/codes.txt" floor-warmup floor
  for round in $(seq 1 "$rounds"); do
    suffix=""
    [ "$rounds" -gt 1 ] && suffix="#$round"
    drive floor "$work/codes.txt" 64 "$duration" "floor-redirects-c64$suffix"
    drive nginx "$work/codes.txt" 64 "$duration" "nginx-floor-redirects-c64$suffix"
  done
}

header() {
  {
    echo "# bench/redirect.sh $mode run, $(date -u +%FT%TZ)"
    echo "command: bench/redirect.sh $args"
    echo "git HEAD at run time: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src/main pom.xml || echo ' (src/main modified)') (the jar below may be older; BENCH_JAR pins one)"
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr), wrk $(wrk -v 2>&1 | awk 'NR==1 { print $2 }')"
    echo "postgres: $(psql -X -Atc "SELECT current_setting('server_version') || ', shared_buffers ' || current_setting('shared_buffers')" -d postgres)"
    echo "settings from the caller: $(env | grep -E '^(KURZ|SPRING|SERVER|LOGGING|MANAGEMENT|BENCH)_' | sort | tr '\n' ' ')"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "busiest processes before:"
    ps -eo pcpu=,comm= --sort=-pcpu | head -n 5 | sed 's/^/  /'
  } >>"$out"
  cat "$out" >&2
}

print_table() {
  {
    echo
    echo "### summary ($mode; wrk -t$threads, ${duration}s per run)"
    printf '%-28s %10s %9s %9s %7s %8s %8s %10s\n' run req/s p50_ms p99_ms errors cpu_us busy% redis/req
    local r
    for r in "${table_rows[@]}"; do
      IFS='|' read -r _ label _ rps p50 p99 errors cpu busy _ rpr <<<"$r"
      printf '%-28s %10.0f %9.2f %9.2f %7d %8d %8d %10s\n' "$label" "$rps" "$p50" "$p99" "$errors" "$cpu" "$busy" "$rpr"
    done
  } | tee -a "$out" >&2
}

# One more run of $2 at 64 connections with a JFR recording, broken down by bench/jfr-breakdown.py.
profile_run() {
  local codes=$1 label=$2 bin profile_out="${out%.txt}-profile.txt"
  bin=$(dirname "$java_bin")
  # Spring's stacks are deeper than JFR's default of 64 frames; cut, a sample loses its filters.
  "$bin/jcmd" "$app_pid" JFR.configure stackdepth=512 >/dev/null
  "$bin/jcmd" "$app_pid" JFR.start name=bench settings=profile filename="$work/bench.jfr" >/dev/null
  drive app "$codes" 64 "$duration" "$label"
  "$bin/jcmd" "$app_pid" JFR.stop name=bench >/dev/null
  "$bin/jfr" print --json --stack-depth 512 --events jdk.ExecutionSample "$work/bench.jfr" >"$work/samples.json"
  {
    echo "# JFR profile of $label, bench/redirect.sh $mode run $stamp"
    echo "jcmd <pid> JFR.start settings=profile; wrk -t$threads -c64 -d${duration}s; jcmd <pid> JFR.stop"
    echo
    echo "## CPU samples by step of the redirect path (bench/jfr-breakdown.py)"
    python3 "$bench/jfr-breakdown.py" "$work/samples.json"
    echo
    echo "## jfr view hot-methods"
    "$bin/jfr" view --width 160 hot-methods "$work/bench.jfr"
    echo
    echo "## jfr view allocation-by-class"
    "$bin/jfr" view --width 160 allocation-by-class "$work/bench.jfr" | head -n 20
    echo
    echo "## jfr view exception-by-site"
    "$bin/jfr" view --width 160 exception-by-site "$work/bench.jfr" | head -n 15
    echo
    echo "## jfr view contention-by-site"
    "$bin/jfr" view --width 160 contention-by-site "$work/bench.jfr" | head -n 20
    echo
    echo "## jfr view gc"
    "$bin/jfr" view --width 160 gc "$work/bench.jfr" | tail -n 5
  } >"$profile_out" 2>&1
  log "profile: ${profile_out#"$root"/}"
}

# async-profiler's agent library for this machine, fetched from Maven Central once.
async_profiler_lib() {
  local version=4.2 dir arch
  dir="$root/target/async-profiler-$version"
  case "$(uname -m)" in aarch64 | arm64) arch=linux-arm64 ;; *) arch=linux-x64 ;; esac
  if [ ! -f "$dir/$arch/libasyncProfiler.so" ]; then
    "$root/mvnw" -q -B dependency:copy -Dartifact="tools.profiler:async-profiler:$version" -DoutputDirectory="$dir" >&2 ||
      die "could not fetch tools.profiler:async-profiler:$version"
    python3 -m zipfile -e "$dir/async-profiler-$version.jar" "$dir" || die "could not unpack async-profiler"
  fi
  echo "$dir/$arch/libasyncProfiler.so"
}

# One more run of $2 at 64 connections under async-profiler (CPU time, kernel frames, per thread),
# broken down by bench/cpu-breakdown.py.
cpu_profile_run() {
  local codes=$1 label=$2 bin lib profile_out="${out%.txt}-$2.txt"
  bin=$(dirname "$java_bin")
  lib=$(async_profiler_lib)
  # jcmd reads key=value pairs itself: the agent's options go in quotes.
  "$bin/jcmd" "$app_pid" JVMTI.agent_load "$lib" '"start,event=cpu,interval=1ms,threads"' >/dev/null
  drive app "$codes" 64 "$duration" "$label"
  "$bin/jcmd" "$app_pid" JVMTI.agent_load "$lib" "\"stop,file=$work/$label.collapsed,collapsed\"" >/dev/null
  {
    echo "# async-profiler CPU profile of $label, bench/redirect.sh $mode run $stamp"
    echo "jcmd <pid> JVMTI.agent_load <lib> start,event=cpu,interval=1ms,threads;" \
      "wrk -t$threads -c64 -d${duration}s; jcmd <pid> JVMTI.agent_load <lib> stop,collapsed"
    echo
    python3 "$bench/cpu-breakdown.py" "$work/$label.collapsed"
  } >"$profile_out" 2>&1
  log "cpu profile: ${profile_out#"$root"/}"
}

# Measured runs only; a cold JVM's first seconds are reported, not judged.
errors_verdict() {
  verdict "$([ "$app_errors" = 0 ] && echo 1 || echo 0)" \
    "errors against the app in the measured runs (socket errors incl. timeouts > 2 s, non-302): $app_errors (target 0; warm-up: $warmup_errors)"
}

# --- modes --------------------------------------------------------------------------------------

run_versus_nginx() {
  start_nginx
  log "seed: $(KURZ_ADMIN_KEY="$admin_key" "$root/scripts/load-seed.sh" "$app" | tr '\n' ' ')"
  as_admin -sS --fail "$app/urls?is_active=true" | jq -r '.[].short_code' >"$work/codes.txt"
  local active
  active=$(psql_bench -Atc "SELECT count(*) FROM urls WHERE is_active AND deleted_at IS NULL")
  [ "$(wc -l <"$work/codes.txt")" = "$active" ] || die "GET /urls listed $(wc -l <"$work/codes.txt") active codes, PostgreSQL has $active"
  head -n 1 "$work/codes.txt" >"$work/hot.txt"
  log "codes: $active active seed codes from GET /urls?is_active=true; hot code $(cat "$work/hot.txt")"

  local clicks0 served0
  clicks0=$(psql_bench -Atc "SELECT count(*) FROM events WHERE event_type = 'click'")
  served0=$(metrics | jq '.redirects_served')

  warm_up "$work/codes.txt"
  drive nginx "$work/codes.txt" 64 5 nginx-warmup
  local scenario conns pattern codes round suffix
  for round in $(seq 1 "$rounds"); do
    suffix=""
    [ "$rounds" -gt 1 ] && suffix="#$round"
    for scenario in $scenarios; do
      pattern=${scenario%-c*}
      conns=${scenario#*-c}
      codes=$work/codes.txt
      [ "$pattern" = hot ] && codes=$work/hot.txt
      drive app "$codes" "$conns" "$duration" "app-$scenario$suffix"
      drive nginx "$codes" "$conns" "$duration" "nginx-$scenario$suffix"
    done
  done

  if [ "$profile" = 1 ]; then profile_run "$work/codes.txt" app-uniform-c64-profiled; fi
  if [ "$cpu_profile" = 1 ]; then cpu_profile_run "$work/codes.txt" app-uniform-c64-cpu-profiled; fi
  print_table
  {
    echo
    echo "### app / nginx (req/s; median of $rounds round(s))"
    for scenario in $scenarios; do
      awk -v a="$(row "app-$scenario" 4)" -v n="$(row "nginx-$scenario" 4)" -v l="$scenario" \
        'BEGIN { printf "%-14s %8.0f / %8.0f = %.3f\n", l, a, n, a / n }'
    done
  } | tee -a "$out" >&2

  check_clicks "$clicks0" "$served0"
  log_findings "$(($(metrics | jq '.redirects_served') - served0))"

  local ratio p99u p99h
  if [ -n "$(row app-uniform-c64 4)" ]; then
    ratio=$(awk -v a="$(row app-uniform-c64 4)" -v n="$(row nginx-uniform-c64 4)" 'BEGIN { printf "%.3f", a / n }')
    verdict "$(awk -v r="$ratio" 'BEGIN { print (r >= 0.20) ? 1 : 0 }')" \
      "throughput app/nginx at 64 connections, uniform: $ratio (target >= 0.20)"
  else
    verdicts+=("----  throughput app/nginx at 64 connections: not measured (--tail)")
  fi
  p99u=$(row app-uniform-c256 6)
  p99h=$(row app-hot-c256 6)
  if [ -n "$p99u" ]; then
    verdict "$(awk -v u="$p99u" -v h="$p99h" 'BEGIN { print (u <= 50 && h <= 50) ? 1 : 0 }')" \
      "p99 at 256 connections: uniform $p99u ms, hot $p99h ms (target <= 50 ms)"
  else
    verdicts+=("----  p99 at 256 connections: not measured (--quick)")
  fi
  errors_verdict
}

run_scale() {
  local clicks0 served0 size
  clicks0=$(psql_bench -Atc "SELECT count(*) FROM events WHERE event_type = 'click'")
  served0=$(metrics | jq '.redirects_served')
  local -A rps=()
  for size in 10000 1000000; do
    local started=$SECONDS
    psql_bench -v n="$size" -f "$bench/generate-links.sql" >/dev/null
    psql_bench -Atc "SELECT short_code FROM urls WHERE is_active AND deleted_at IS NULL" >"$work/codes-$size.txt"
    log "links: $(wc -l <"$work/codes-$size.txt") in urls after psql -v n=$size -f bench/generate-links.sql ($((SECONDS - started)) s)"
    # The JIT once; then, for both sizes alike, every link asked for once, as a service that has
    # run a while has met its links: what is measured is the cost of a look-up in a table of that
    # size, not the cost of meeting each link for the first time (a cold start, reported apart).
    # The timed runs draw the generated codes by number (generated:<n>, bench/redirect.lua): a
    # list of a million would cost wrk itself more per request than a list of ten thousand.
    [ "$(wc -l <"$work/codes-$size.txt")" = "$size" ] || die "expected $size generated links"
    if [ "$size" = 10000 ]; then warm_up "generated:$size"; fi
    drive app "$work/codes-$size.txt" 64 pass "warmup-pass-$((size / 1000))k"
    local conns label
    for conns in 64 256; do
      label="links-$((size / 1000))k-c$conns"
      [ "$size" = 1000000 ] && label="links-1m-c$conns"
      drive app "generated:$size" "$conns" "$duration" "$label"
      rps[$label]=$(row "$label" 4)
    done
  done
  log "pages the click rows write to at 1 M links (events' url_id index, the daily counters and their key): $(psql_bench -Atc \
    "SELECT pg_size_pretty(pg_relation_size('events_url_id_idx') + pg_total_relation_size('url_click_daily'))")"
  if [ "$profile" = 1 ]; then profile_run "$work/codes-1000000.txt" links-1m-c64-profiled; fi
  if [ "$cpu_profile" = 1 ]; then cpu_profile_run "$work/codes-1000000.txt" links-1m-c64-cpu-profiled; fi
  print_table
  check_clicks "$clicks0" "$served0"
  log_findings "$(($(metrics | jq '.redirects_served') - served0))"
  local conns ratio
  for conns in 64 256; do
    ratio=$(awk -v a="${rps[links-1m-c$conns]}" -v b="${rps[links-10k-c$conns]}" 'BEGIN { printf "%.3f", a / b }')
    verdict "$(awk -v r="$ratio" 'BEGIN { print (r >= 0.75) ? 1 : 0 }')" \
      "throughput 1M/10k links at $conns connections: $ratio (target >= 0.75)"
  done
  errors_verdict
}

header
build_jar
reset_stores
set_checkpoints_query
start_app
case "$mode" in
  scale) run_scale ;;
  clients) run_many_clients ;;
  *) run_versus_nginx ;;
esac
{
  echo
  echo "### targets"
  printf '%s\n' "${verdicts[@]}"
} | tee -a "$out" >&2
log "results: ${out#"$root"/}"
exit "$failed"
