-- A click row (events, url_click_daily) names its link by id, and the foreign keys checked that
-- link on every row written: an index probe of urls plus a share lock on the link's row, which
-- dirties that row's page and writes WAL. With clicks spread over a million links those are
-- random pages of urls for every click, the largest cost of a click that grows with the number
-- of links (bench/redirect.sh --scale; BOTTLENECK_REPORT.md).
--
-- The check guards nothing Kurz can break: a link is never removed (deleting one sets
-- deleted_at, and its code is never reused), clicks carry the id of a link the redirect just
-- resolved, and every other event is written after its link was read in the same transaction.
-- The one way to break it, removing a row of urls, is refused by the trigger below instead.

ALTER TABLE events DROP CONSTRAINT events_url_id_fkey;
ALTER TABLE url_click_daily DROP CONSTRAINT url_click_daily_url_id_fkey;

CREATE FUNCTION urls_are_never_removed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rows of urls are never removed: set deleted_at instead'
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER urls_are_never_removed
    BEFORE DELETE ON urls
    FOR EACH STATEMENT EXECUTE FUNCTION urls_are_never_removed();
