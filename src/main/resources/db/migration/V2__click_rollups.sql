-- Click totals kept up to date by the click writer, so that stats never count raw events.

CREATE TABLE url_click_totals (
    url_id        BIGINT PRIMARY KEY REFERENCES urls (id),
    clicks        BIGINT      NOT NULL,
    last_click_at TIMESTAMPTZ NOT NULL
);

-- One row per link, UTC day and referrer ('' when none): clicks by day and top referrers both
-- read a month of this table for one link.
CREATE TABLE url_click_daily (
    url_id   BIGINT NOT NULL REFERENCES urls (id),
    day      DATE   NOT NULL,
    referrer TEXT   NOT NULL,
    clicks   BIGINT NOT NULL,
    PRIMARY KEY (url_id, day, referrer)
);
