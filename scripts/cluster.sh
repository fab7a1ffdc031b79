#!/usr/bin/env bash
# The Compose stack without Docker: three replicas of the jar on 127.0.0.1:8081-8083 against the
# local PostgreSQL and Redis, behind Debian's nginx on 127.0.0.1:8080 with the config rendered from
# nginx/kurz.conf.template (the one the Compose nginx renders too).
#
#   scripts/cluster.sh up          build the jar once, start the replicas and nginx, wait until all answer
#   scripts/cluster.sh down        stop exactly what `up` started, found through the pid files in run/
#   scripts/cluster.sh status      one line per process; exit status 1 when anything is not answering
#   scripts/cluster.sh start N     start replica N (1-3) again, with the settings `up` recorded
#   scripts/cluster.sh stop N      stop replica N gracefully (SIGTERM)
#   scripts/cluster.sh kill N      kill replica N with SIGKILL, as a crash would
#   scripts/cluster.sh reload      render the nginx config again and reload nginx
#
# Every KURZ_*, SPRING_*, SERVER_*, MANAGEMENT_* and LOGGING_* variable set when `up` runs reaches
# all replicas and is recorded in run/cluster.env, so a replica started later gets the same. E.g.
#   KURZ_RATELIMIT_REQUESTSPERMINUTE=100000000 scripts/cluster.sh up
# KURZ_NGINX_TRUSTED_PROXIES (see nginx/render.sh) makes nginx take the client from X-Forwarded-For
# sent by those addresses, as behind a CDN; bench/cluster.sh sets it to 127.0.0.1.
# Settings the environment leaves unset are read from .env when there is one (see .env.example):
# the replicas run in the keys mode, with the admin keys of KURZ_AUTH_ADMINKEYS.
# Runner settings: KURZ_JAVA (java binary; default Temurin 25 when installed, for virtual threads),
# KURZ_JAVA_OPTS (JVM flags), KURZ_SKIP_BUILD=1 (use the jar already in target/).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
run="$root/run"
nginx_prefix="$run/nginx"
nginx_conf="$nginx_prefix/nginx.conf"
replicas=(1 2 3)

port_of() { echo $((8080 + $1)); }
pid_file_of() { echo "$run/app$1.pid"; }
log_of() { echo "$run/logs/app$1.log"; }
# Written into each replica's command line so that a recycled pid is never taken for ours.
marker_of() { echo "-Dkurz.cluster.replica=$1"; }

die() {
  echo "cluster: $*" >&2
  exit 1
}

# The pid in $1 if that process is alive and its command line holds $2; empty otherwise.
live_pid() {
  local file=$1 marker=$2 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  [ -r "/proc/$pid/cmdline" ] || return 0
  if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker"; then
    echo "$pid"
  fi
}

replica_pid() { live_pid "$(pid_file_of "$1")" "$(marker_of "$1")"; }
nginx_pid() { live_pid "$nginx_prefix/nginx.pid" "$nginx_conf"; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

nginx_bin() {
  command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } ||
    die "nginx not found: apt-get install -y nginx"
}

# HTTP status of the replica's health endpoint: /health, or /actuator/health where /health does
# not exist yet.
health_code() {
  local port=$1 code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/health" || true)
  if [ "$code" = 404 ]; then
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/actuator/health" || true)
  fi
  echo "${code:-000}"
}

# Exports each NAME=value line of .env whose NAME the environment does not set.
load_dotenv() {
  local file="$root/.env" line name
  [ -f "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    [[ "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    name=${BASH_REMATCH[1]}
    [ -n "${!name+x}" ] && continue
    export "$name=${BASH_REMATCH[2]}"
  done <"$file"
}

record_settings() {
  local name
  mkdir -p "$run"
  load_dotenv
  : "${KURZ_AUTH_MODE:=keys}"
  if [ "$KURZ_AUTH_MODE" = keys ] && [ -z "${KURZ_AUTH_ADMINKEYS:-}" ]; then
    echo "cluster: KURZ_AUTH_ADMINKEYS is set neither in the environment nor in .env: no admin key (see .env.example)" >&2
  fi
  if [ -z "${KURZ_JAVA:-}" ]; then
    KURZ_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
    [ -x "$KURZ_JAVA" ] || KURZ_JAVA=$(command -v java) || die "no java found; set KURZ_JAVA"
  fi
  : "${KURZ_JAVA_OPTS:=-XX:+UseZGC -Xms256m -Xmx512m -XX:+ExitOnOutOfMemoryError}"
  # One key for all replicas, or one client address hashes to three values.
  : "${KURZ_CLICKS_IPHASHKEY:=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')}"
  : "${KURZ_PUBLICBASEURL:=http://127.0.0.1:8080}"
  : "${SERVER_ADDRESS:=127.0.0.1}"
  # Tomcat's keep-alive limits (above nginx's) come from application.properties.
  export KURZ_JAVA KURZ_JAVA_OPTS KURZ_CLICKS_IPHASHKEY KURZ_PUBLICBASEURL SERVER_ADDRESS KURZ_AUTH_MODE
  # It holds the admin keys: readable by its owner only. The umask stays in the subshell: nginx's
  # workers (another user) must reach the directories made later.
  (
    umask 077
    {
      echo "# Written by scripts/cluster.sh up; read by scripts/cluster.sh start N."
      for name in $(compgen -e | grep -E '^(KURZ|SPRING|SERVER|MANAGEMENT|LOGGING)_' | sort); do
        printf 'export %s=%q\n' "$name" "${!name}"
      done
    } >"$run/cluster.env"
  )
}

load_settings() {
  [ -f "$run/cluster.env" ] || die "no run/cluster.env: run 'scripts/cluster.sh up' first"
  # shellcheck source=/dev/null
  . "$run/cluster.env"
}

build_jar() {
  local jars
  if [ "${KURZ_SKIP_BUILD:-}" != 1 ]; then
    echo "cluster: building the jar"
    (cd "$root" && ./mvnw -q -B -DskipTests package)
  fi
  jars=("$root"/target/kurz-*.jar)
  [ -f "${jars[0]}" ] || die "no target/kurz-*.jar"
  # A copy, so a rebuild in target/ never changes the jar under running replicas or a restart.
  cp "${jars[0]}" "$run/kurz.jar"
}

start_replica() {
  local n=$1 port java_opts
  port=$(port_of "$n")
  [ -z "$(replica_pid "$n")" ] || die "replica $n is already running (pid $(replica_pid "$n"))"
  for _ in $(seq 1 50); do
    port_busy "$port" || break
    sleep 0.2
  done
  port_busy "$port" && die "port $port is taken by another process"
  mkdir -p "$run/logs"
  read -r -a java_opts <<<"$KURZ_JAVA_OPTS"
  echo "cluster: starting replica $n on 127.0.0.1:$port (log run/logs/app$n.log)"
  # setsid: the replica is in a session of its own, so a Ctrl-C or hang-up of this shell does
  # not reach it; only `down`, `stop` and `kill` do.
  (cd "$run" && PORT=$port exec setsid "$KURZ_JAVA" "${java_opts[@]}" "$(marker_of "$n")" -jar "$run/kurz.jar") \
    >>"$(log_of "$n")" 2>&1 </dev/null &
  echo $! >"$(pid_file_of "$n")"
}

# 0 once the replica answers its health check twice in a row (a context that fails late in its
# start can answer once before it exits), 1 when it exits, 2 on time-out.
wait_replica() {
  local n=$1 port deadline ok=0
  port=$(port_of "$n")
  deadline=$((SECONDS + 180))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if [ -z "$(replica_pid "$n")" ]; then
      return 1
    fi
    if [ "$(health_code "$port")" = 200 ]; then
      ok=$((ok + 1))
      if [ "$ok" -ge 2 ]; then
        echo "cluster: replica $n answers on 127.0.0.1:$port"
        return 0
      fi
    else
      ok=0
    fi
    sleep 1
  done
  echo "cluster: replica $n did not answer its health check within 180 s" >&2
  return 2
}

# Starts replica N and waits for it. A replica that exits while starting is started again, twice
# at most, as Compose's `restart: always` would; each exit is reported with its log's last error.
launch_replica() {
  local n=$1 attempt status
  for attempt in 1 2 3; do
    start_replica "$n"
    status=0
    wait_replica "$n" || status=$?
    [ "$status" -eq 1 ] || return "$status"
    echo "cluster: replica $n exited while starting (attempt $attempt of 3); last error in run/logs/app$n.log:" >&2
    grep '"level":"ERROR"' "$(log_of "$n")" | tail -n 1 | cut -c1-400 >&2 || tail -n 5 "$(log_of "$n")" >&2
  done
  return 1
}

stop_pid() {
  local pid=$1 signal=$2 grace=$3 what=$4
  kill "-$signal" "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 "$grace"); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 1
  done
  echo "cluster: $what (pid $pid) still running after ${grace}s: SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

stop_replica() {
  local n=$1 pid
  pid=$(replica_pid "$n")
  if [ -n "$pid" ]; then
    echo "cluster: stopping replica $n (pid $pid)"
    # Graceful shutdown takes up to 20 s (spring.lifecycle.timeout-per-shutdown-phase).
    stop_pid "$pid" TERM 40 "replica $n"
  fi
  rm -f "$(pid_file_of "$n")"
}

start_nginx() {
  local nginx
  nginx=$(nginx_bin)
  [ -z "$(nginx_pid)" ] || die "nginx is already running (pid $(nginx_pid))"
  port_busy 8080 && die "port 8080 is taken by another process"
  mkdir -p "$nginx_prefix/logs" "$nginx_prefix/tmp"
  "$root/nginx/render.sh" local "$nginx_prefix" >"$nginx_conf"
  "$nginx" -q -t -p "$nginx_prefix/" -c "$nginx_conf" -e "$nginx_prefix/logs/error.log"
  "$nginx" -p "$nginx_prefix/" -c "$nginx_conf" -e "$nginx_prefix/logs/error.log"
  for _ in $(seq 1 50); do
    [ -n "$(nginx_pid)" ] && break
    sleep 0.1
  done
  [ -n "$(nginx_pid)" ] || die "nginx did not start; see run/nginx/logs/error.log"
  echo "cluster: nginx on 127.0.0.1:8080 (access log run/nginx/logs/access.log)"
}

reload_nginx() {
  local nginx pid
  nginx=$(nginx_bin)
  pid=$(nginx_pid)
  [ -n "$pid" ] || die "nginx is not running"
  "$root/nginx/render.sh" local "$nginx_prefix" >"$nginx_conf.new"
  "$nginx" -q -t -p "$nginx_prefix/" -c "$nginx_conf.new" -e "$nginx_prefix/logs/error.log"
  mv "$nginx_conf.new" "$nginx_conf"
  kill -HUP "$pid"
  echo "cluster: nginx reloaded"
}

# Until a request through nginx reaches a replica: the first answers of cold JVMs can be slow.
wait_nginx() {
  for _ in $(seq 1 30); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 http://127.0.0.1:8080/health || true)" = 200 ] && return 0
    sleep 1
  done
  die "nothing answers through nginx on 127.0.0.1:8080; see run/nginx/logs/error.log"
}

stop_nginx() {
  local pid
  pid=$(nginx_pid)
  if [ -n "$pid" ]; then
    echo "cluster: stopping nginx (pid $pid)"
    # SIGQUIT: finish the requests in flight, then exit.
    stop_pid "$pid" QUIT 15 nginx
  fi
  rm -f "$nginx_prefix/nginx.pid"
}

cmd_up() {
  local n anything=""
  for n in "${replicas[@]}"; do anything+=$(replica_pid "$n"); done
  anything+=$(nginx_pid)
  [ -z "$anything" ] || die "already up (see 'scripts/cluster.sh status'); run 'scripts/cluster.sh down' first"
  record_settings
  build_jar
  # One after the other: three JVMs starting at once on two cores slow each other down, and the
  # first one runs the database migrations alone.
  for n in "${replicas[@]}"; do
    launch_replica "$n" || die "replica $n did not come up; 'scripts/cluster.sh down' cleans up"
  done
  start_nginx
  wait_nginx
  cmd_status || true
}

cmd_down() {
  local n pids=()
  stop_nginx
  # Replicas drain in parallel; each waits for its own.
  for n in "${replicas[@]}"; do
    stop_replica "$n" &
    pids+=($!)
  done
  for n in "${pids[@]}"; do wait "$n"; done
  echo "cluster: down"
}

cmd_status() {
  local n pid port code rc=0
  for n in "${replicas[@]}"; do
    port=$(port_of "$n")
    pid=$(replica_pid "$n")
    if [ -n "$pid" ]; then
      code=$(health_code "$port")
      printf 'replica %s  pid %-7s 127.0.0.1:%s  health %s\n' "$n" "$pid" "$port" "$code"
      [ "$code" = 200 ] || rc=1
    else
      printf 'replica %s  stopped\n' "$n"
      rc=1
    fi
  done
  pid=$(nginx_pid)
  if [ -n "$pid" ]; then
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 http://127.0.0.1:8080/health || true)
    printf 'nginx      pid %-7s 127.0.0.1:8080  health %s\n' "$pid" "${code:-000}"
    [ "$code" = 200 ] || rc=1
  else
    echo "nginx      stopped"
    rc=1
  fi
  return "$rc"
}

replica_arg() {
  [[ "${1:-}" =~ ^[123]$ ]] || die "replica number 1, 2 or 3 expected"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  reload) reload_nginx ;;
  start)
    replica_arg "${2:-}"
    load_settings
    launch_replica "$2"
    ;;
  stop)
    replica_arg "${2:-}"
    stop_replica "$2"
    ;;
  kill)
    replica_arg "${2:-}"
    pid=$(replica_pid "$2")
    [ -n "$pid" ] || die "replica $2 is not running"
    kill -KILL "$pid"
    # Gone once the kernel has torn the process down and closed its port, which can take a moment
    # after its memory (and so its command line) is released.
    for _ in $(seq 1 200); do
      [ -z "$(replica_pid "$2")" ] && ! port_busy "$(port_of "$2")" && break
      sleep 0.05
    done
    echo "cluster: replica $2 (pid $pid) killed"
    ;;
  *)
    echo "usage: $0 up|down|status|reload|start N|stop N|kill N" >&2
    exit 2
    ;;
esac
