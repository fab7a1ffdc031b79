-- Stats tell people from bots. Each click event records "bot" in its details (decided by the click
-- writer from its user agent), and the daily counters keep how many of their clicks were bots:
-- human clicks are the rest. Clicks recorded before this migration carry no "bot" and count as
-- human. A new column with a constant default is added without rewriting the table.
ALTER TABLE url_click_daily ADD COLUMN bot_clicks BIGINT NOT NULL DEFAULT 0;

-- Unique visitors count the distinct client hashes of a link's click events in the 30-day window.
-- Those events are found through events_url_id_idx (url_id, id) from the smallest id of a click
-- event of the window's first day on: the rollup writes, per UTC day, the smallest id of the click
-- events it counted on that day. Its chunks move up in id order, so a day's first row stays its
-- smallest id. One row per day, and no index on events beyond the ones there are.
CREATE TABLE click_days (
    day            DATE PRIMARY KEY,
    first_event_id BIGINT NOT NULL
);

-- The days of the click events the counters already include: one pass over events, once.
INSERT INTO click_days (day, first_event_id)
SELECT (timestamp AT TIME ZONE 'UTC')::date, min(id) FROM events
WHERE id <= (SELECT last_event_id FROM click_rollup)
  AND event_type = 'click' AND details -> 'client_hash' IS NOT NULL
GROUP BY 1;
