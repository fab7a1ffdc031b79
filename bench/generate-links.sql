-- Fills urls with generated, active links until there are :n of them (codes b0000001, b0000002,
-- ...: eight characters, so never one of the seed's six-character codes). Run it again with a
-- larger :n to grow the same set; existing codes are kept.
--
--   psql -h 127.0.0.1 -U postgres -d kurz_bench -v n=1000000 -f bench/generate-links.sql

\set ON_ERROR_STOP on

INSERT INTO urls (short_code, original_url, is_active, created_at, updated_at)
SELECT 'b' || lpad(to_hex(i), 7, '0'), 'https://example.com/bench/' || i, TRUE, now(), now()
FROM generate_series(1, :n) AS i
ON CONFLICT (short_code) DO NOTHING;

-- Fresh statistics, so the look-up plans are the ones a table of this size gets, and the
-- visibility map set now: otherwise autovacuum takes the new rows on during the measurement.
VACUUM (ANALYZE) urls;

SELECT count(*) AS generated_links FROM urls WHERE short_code LIKE 'b_______';
