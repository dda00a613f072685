-- Media scanning state: where each social source's paging stopped, and how many known links a scan skipped.
CREATE TABLE scan_cursors (
    source     VARCHAR PRIMARY KEY,
    cursor     VARCHAR NOT NULL,        -- newest Mastodon status id / Bluesky post time seen
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

ALTER TABLE scan_sources ADD COLUMN already_seen INTEGER NOT NULL DEFAULT 0;
