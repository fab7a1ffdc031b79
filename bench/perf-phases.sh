#!/usr/bin/env bash
# Whole-machine CPU profile (Linux perf) of chosen phases of a bench/redirect.sh run that is under
# way: where the machine's time goes per request, by process (app, PostgreSQL, wrk, ...), and
# PostgreSQL's busiest functions. The app's own methods are better seen with --cpu-profile.
#
#   bench/redirect.sh --scale &  sleep 5;  bench/perf-phases.sh
#   bench/perf-phases.sh [results file] [phase ...]
#
# Defaults: the newest bench/results/*.txt and the phases links-10k-c64 links-1m-c64. For each
# phase it waits for the line that marks its start in the results file, lets 3 s pass, records
# 12 s on all CPUs at 499 Hz, and after the phase reads its req/s. Writes
# bench/results/<run>-perf.txt.
# perf's sampling costs the phases it records a few percent; compare phases of one run only.
set -euo pipefail

command -v perf >/dev/null || { echo "bench/perf-phases.sh needs perf (Debian: linux-perf)" >&2; exit 2; }

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck disable=SC2012 # the results files are named by time, without spaces
results=${1:-$(ls -t "$root"/bench/results/*.txt | head -n 1)}
shift $(($# > 0 ? 1 : 0))
phases=("$@")
[ ${#phases[@]} -gt 0 ] || phases=(links-10k-c64 links-1m-c64)
out=${results%.txt}-perf.txt
cores=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A phase that has not come within an hour (the whole benchmark takes minutes) is not coming.
deadline=$((SECONDS + 3600))
wait_for() {
  until grep -q -- "$1" "$results"; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "no '$1' in $results within an hour" >&2; exit 1; }
    sleep 0.5
  done
}

for phase in "${phases[@]}"; do
  wait_for "started $phase at "
  sleep 3
  perf record -q -o "$work/$phase.data" -F 499 -a -- sleep 12 >/dev/null 2>&1
done

{
  echo "# bench/perf-phases.sh on $(basename "$results"), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "perf record -F 499 -a for 12 s, from 3 s into each phase; $cores cores"
  for phase in "${phases[@]}"; do
    wait_for "label=$phase "
    rps=$(grep "label=$phase " "$results" | sed 's/.* rps=\([0-9.]*\).*/\1/')
    echo
    echo "## $phase: $rps req/s"
    echo "CPU per request by command (share of all $cores cores, times $cores s per s, over req/s):"
    perf report -i "$work/$phase.data" --no-children --sort comm --stdio 2>/dev/null |
      awk -v rps="$rps" -v cores="$cores" '/%/ { share = $1; sub(/%/, "", share); $1 = "";
        if (share >= 0.5) printf "  %-24s %5.1f%%  %6.1f us\n", $0, share, share / 100 * cores * 1e6 / rps }'
    echo "PostgreSQL's busiest functions (share of all samples):"
    perf report -i "$work/$phase.data" --no-children --comm postgres --sort dso,symbol --stdio 2>/dev/null |
      awk '/%/ && n < 15 { printf "  %s\n", $0; n++ }'
  done
} >"$out"
echo "results: $out"
