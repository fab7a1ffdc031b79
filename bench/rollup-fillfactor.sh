#!/usr/bin/env bash
# What one click rollup costs PostgreSQL at a million links, with the counter table's pages full
# (fillfactor 100) and with room left on them (70, migration V6). PostgreSQL alone: no app.
#
#   bench/rollup-fillfactor.sh [fillfactor ...]     (default: 100 70)
#
# For each fillfactor, a scratch database (BENCH_ROLLUP_DB, default kurz_rollupcost; dropped and
# created again, then dropped at the end) gets a counter table shaped like url_click_daily with one
# row for each of 1,000,000 links, and 200,000 clicks on uniformly random links (ten seconds of the
# benchmark's traffic). The rollup's statement (ClickRollup: grouped, in key order, ON CONFLICT DO
# UPDATE) then runs three times; printed: the time of each, and how many of the row updates were
# HOT (the new version on the same page, no new key entry).
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres).
set -euo pipefail

db=${BENCH_ROLLUP_DB:-kurz_rollupcost}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
fillfactors=("$@")
[ ${#fillfactors[@]} -gt 0 ] || fillfactors=(100 70)

admin() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }
trap 'admin -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT

echo "rollup of 200,000 clicks over 1,000,000 counter rows; $(psql -X -Atd postgres -c 'SELECT version()' | cut -d, -f1); shared_buffers $(psql -X -Atd postgres -c 'SHOW shared_buffers')"
for ff in "${fillfactors[@]}"; do
  admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" 2>/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v ff="$ff" <<'SQL' | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' |
CREATE TABLE counters (url_id BIGINT, day DATE, referrer TEXT, clicks BIGINT, last_click_at TIMESTAMPTZ,
                       PRIMARY KEY (url_id, day, referrer)) WITH (fillfactor = :ff);
INSERT INTO counters SELECT g, current_date, '', 1, now() FROM generate_series(1, 1000000) g;
VACUUM ANALYZE counters;
CREATE TABLE clicks AS
  SELECT (random() * 999999 + 1)::bigint AS url_id, now() AS at, ''::text AS referrer FROM generate_series(1, 200000);
ANALYZE clicks;
CHECKPOINT;
SET work_mem = '64MB';
\timing on
INSERT INTO counters SELECT url_id, current_date, referrer, count(*), max(at) FROM clicks GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
ON CONFLICT (url_id, day, referrer) DO UPDATE SET clicks = counters.clicks + EXCLUDED.clicks,
  last_click_at = GREATEST(counters.last_click_at, EXCLUDED.last_click_at);
INSERT INTO counters SELECT url_id, current_date, referrer, count(*), max(at) FROM clicks GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
ON CONFLICT (url_id, day, referrer) DO UPDATE SET clicks = counters.clicks + EXCLUDED.clicks,
  last_click_at = GREATEST(counters.last_click_at, EXCLUDED.last_click_at);
INSERT INTO counters SELECT url_id, current_date, referrer, count(*), max(at) FROM clicks GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
ON CONFLICT (url_id, day, referrer) DO UPDATE SET clicks = counters.clicks + EXCLUDED.clicks,
  last_click_at = GREATEST(counters.last_click_at, EXCLUDED.last_click_at);
SQL
    awk -v ff="$ff" '{ t[NR] = $1 } END { printf "fillfactor %3s: rollups %.0f / %.0f / %.0f ms", ff, t[1], t[2], t[3] }'
  psql -X -Atd "$db" -c "SELECT ', ' || n_tup_hot_upd || ' of ' || n_tup_upd || ' updates HOT, table and key ' || pg_size_pretty(pg_total_relation_size('counters')) FROM pg_stat_user_tables WHERE relname = 'counters'"
done
