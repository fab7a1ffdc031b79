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
