-- The clicks counted against a link's max_clicks. Only capped links move it: each admitted
-- click adds one in the same statement that checks the cap, so the cap holds across
-- replicas. Setting a cap on a link that had none starts it at the link's stored clicks.
ALTER TABLE urls ADD COLUMN counted_clicks BIGINT NOT NULL DEFAULT 0;
