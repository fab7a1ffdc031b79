#!/usr/bin/env bash
# What wrk itself spends per request with 10 thousand and with 1 million codes, drawn from a file
# (bench/redirect.lua reads it into a Lua table) or made from their number (generated:<n>, as
# bench/redirect.sh --scale does). Nginx on 127.0.0.1, configured as bench/redirect.sh's ceiling,
# answers GET /<code> with "302 https://example.com/bench/<code>", the same work for any code, so
# what moves is wrk's.
#
#   bench/wrk-locations.sh [seconds per run, at least 10, default 20] [rounds, default 2]
#
# Environment: BENCH_NGINX_PORT (8091). Prints req/s and wrk's CPU time per answer (from 6 s into
# each run to 2 s before its end: /proc against Nginx's stub_status) and writes
# bench/results/<UTC time>-wrk-locations.txt.
set -euo pipefail

seconds=${1:-20}
rounds=${2:-2}
port=${BENCH_NGINX_PORT:-8091}
root="$(cd "$(dirname "$0")/.." && pwd)"
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "bench/wrk-locations.sh needs $tool (apt-get install -y wrk nginx curl)" >&2; exit 2; }
done
work=$(mktemp -d)
nginx_pid=""
trap '[ -z "$nginx_pid" ] || kill "$nginx_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
out="$root/bench/results/$(date -u +%Y%m%d-%H%M%S)-wrk-locations.txt"

# bench/redirect.sh's ceiling (bench/nginx-static.conf.template), with each code's own Location and
# a stub_status page to count answers.
mkdir -p "$work/nginx"
# shellcheck disable=SC2016 # $uri is Nginx's, not the shell's
sed -e "s|@DIR@|$work/nginx|g" -e "s|@PORT@|$port|g" \
  -e 's|return 302 https://example.com/;|return 302 https://example.com/bench$uri;|' \
  -e '/server_name _;/a\        location = /nginx-status { stub_status; }' \
  "$root/bench/nginx-static.conf.template" >"$work/nginx/nginx.conf"
# shellcheck disable=SC2016 # a literal $uri
if ! grep -qF 'example.com/bench$uri' "$work/nginx/nginx.conf" || ! grep -q stub_status "$work/nginx/nginx.conf"; then
  echo "bench/nginx-static.conf.template changed: its location no longer matches" >&2
  exit 1
fi
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
nginx_pid=$!
deadline=$((SECONDS + 10))
until curl -s -o /dev/null "http://127.0.0.1:$port/nginx-status"; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "nginx did not start: $(cat "$work/nginx/error.log")" >&2; exit 1; }
  sleep 0.2
done
# CPU ticks (user + system) of a process, and the requests Nginx has answered so far.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
answers() { curl -s "http://127.0.0.1:$port/nginx-status" | awk 'NR == 3 { print $3 }'; }
# The codes of bench/generate-links.sql, b0000001, b0000002, ..., as files.
for n in 10000 1000000; do
  seq 1 "$n" | awk '{ printf "b%07x\n", $1 }' >"$work/codes-$n.txt"
done

{
  echo "# bench/wrk-locations.sh $seconds $rounds, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores, $(uname -sr), wrk $(wrk -v 2>&1 | awk 'NR==1 { print $2 }'), nginx $(nginx -v 2>&1 | sed 's|.*/||')"
  echo "wrk -t2 -c64 -d${seconds}s -s bench/redirect.lua http://127.0.0.1:$port -- <codes>; Nginx: return 302 https://example.com/bench\$uri"
  for round in $(seq 1 "$rounds"); do
    for source in file generated; do
      for n in 10000 1000000; do
        # wrk's CPU time and Nginx's answers over the same window: from 6 s after the first answers
        # (wrk's main thread reads a thread's codes before starting it, the second thread's while
        # the first is running; a million take about a second each) to 2 s before the end.
        codes="$work/codes-$n.txt"
        [ "$source" = generated ] && codes="generated:$n"
        wrk -t2 -c64 -d"${seconds}s" -s "$root/bench/redirect.lua" "http://127.0.0.1:$port" -- "$codes" "$source-$n" \
          >"$work/wrk.out" &
        pid=$!
        a0=$(answers)
        deadline=$((SECONDS + 60))
        until [ "$(answers)" -gt $((a0 + 1)) ]; do
          [ "$SECONDS" -lt "$deadline" ] || { echo "wrk sent nothing in 60 s" >&2; exit 1; }
          sleep 0.2
        done
        sleep 6
        t0=$(ticks "$pid"); a0=$(answers)
        sleep $((seconds - 8))
        t1=$(ticks "$pid"); a1=$(answers)
        wait "$pid"
        rps=$(sed -n 's/^RESULT .* rps=\([0-9.]*\) .*/\1/p' "$work/wrk.out")
        awk -v r="$round" -v s="$source" -v n="$n" -v rps="$rps" -v t="$((t1 - t0))" -v a="$((a1 - a0))" \
          -v hz="$(getconf CLK_TCK)" 'BEGIN {
          printf "round %s  codes from %-9s  %7d codes  %8.0f req/s  wrk CPU %.2f us per answer\n",
            r, s, n, rps, t / hz * 1e6 / a }'
      done
    done
  done
} | tee "$out"
echo "results: $out"
