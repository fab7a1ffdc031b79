-- Counters off the click path. Until now each batch of clicks also moved one url_click_daily row
-- per click: with clicks spread over a million links, a random counter page and a random page of
-- its key for nearly every click, more pages than PostgreSQL's shared buffers hold
-- (BOTTLENECK_REPORT.md, eleventh round). Batches now only COPY their events; a rollup adds the
-- click events past a watermark to the counters, many clicks and rows at a time in key order, and
-- stats read the counters plus the link's click events past the watermark.

-- One row: the id of the last event the counters include.
CREATE TABLE click_rollup (
    one           BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
    last_event_id BIGINT  NOT NULL
);

-- Until this migration every click event was counted in the transaction that wrote it, so the
-- counters include every click event there is.
INSERT INTO click_rollup (last_event_id) SELECT coalesce(max(id), 0) FROM events;

-- A rollup updates many counter rows at once, most of them on pages it updates again ten seconds
-- later. With room left on each page, an update writes the new row version beside the old one
-- (a HOT update: no new entry in the key, and the old version is pruned in place). On full pages
-- every update moved the row to another page and added a key entry. Measured with 181,000 rows
-- updated out of a million: 2.8-3.6 s per rollup on full pages, 1.5-1.9 s at fillfactor 70
-- (BOTTLENECK_REPORT.md, eleventh round). Pages written from now on keep the room; existing
-- pages get it when the table is rewritten (VACUUM FULL), which is not needed for correctness.
ALTER TABLE url_click_daily SET (fillfactor = 70);
