# shellcheck shell=bash
# Sourced by bench/redirect.sh and bench/cluster.sh.
#
# redis_calls [redis-cli options]: calls of every command, of EVALSHA, and of the commands run
# inside the rate-limit script (INFO commandstats counts those too: INCRBY, PEXPIRE, PTTL, DECRBY,
# and GETRANGE, which reads the cached link along), less the INFO calls of the caller itself,
# printed as "all evalsha inner".
redis_calls() {
  redis-cli "$@" INFO commandstats | tr -d '\r' | awk -F'[:=,]' '
    /^cmdstat_/ { n = $1; sub(/^cmdstat_/, "", n); c = $3
      if (n == "info") next
      all += c
      if (n == "evalsha") e += c
      if (n == "incrby" || n == "pexpire" || n == "pttl" || n == "decrby" || n == "getrange") i += c }
    END { printf "%d %d %d\n", all, e, i }'
}
