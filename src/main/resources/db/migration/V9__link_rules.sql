-- Rules a link may carry for its redirects: an expiry (with an optional place to send
-- visitors after it), a cap on counted clicks, the redirect status and whether the short
-- URL's query string is passed on. Constant defaults keep this a catalogue-only change
-- for existing rows.
ALTER TABLE urls
    ADD COLUMN expires_at    TIMESTAMPTZ,
    ADD COLUMN expired_url   TEXT,
    ADD COLUMN max_clicks    BIGINT,
    ADD COLUMN redirect_type INTEGER NOT NULL DEFAULT 302,
    ADD COLUMN forward_query BOOLEAN NOT NULL DEFAULT FALSE;

-- NOT VALID: existing rows hold NULL and the default, which pass; no scan of the table.
ALTER TABLE urls
    ADD CONSTRAINT urls_max_clicks_positive CHECK (max_clicks > 0) NOT VALID,
    ADD CONSTRAINT urls_redirect_type_known CHECK (redirect_type IN (301, 302, 307, 308)) NOT VALID;
