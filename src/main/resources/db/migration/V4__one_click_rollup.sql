-- Each click moved two per-link rows: its url_click_totals row and its url_click_daily row. With
-- clicks spread over many links, every batch touched two random pages per link (and their share
-- of PostgreSQL's buffers). The daily rollup alone answers both: a link's all-time total is the
-- sum of its daily rows, and its last click the latest of theirs. One row per click instead of two.

ALTER TABLE url_click_daily ADD COLUMN last_click_at TIMESTAMPTZ;

-- Existing rows: the link's last click, from the totals, goes on the rows of its latest day.
UPDATE url_click_daily d
SET last_click_at = t.last_click_at
FROM url_click_totals t
WHERE t.url_id = d.url_id
  AND d.day = (SELECT max(day) FROM url_click_daily m WHERE m.url_id = d.url_id);

-- Kurz never deletes daily rows, so their sum per link equals the totals being dropped.
DROP TABLE url_click_totals;
