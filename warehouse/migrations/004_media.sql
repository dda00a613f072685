-- Media scanning: seen URLs, per-source scan outcomes, and the media items found.
CREATE TABLE seen_urls (
    canonical_url VARCHAR PRIMARY KEY,
    first_seen    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    last_fetched  TIMESTAMP,
    etag          VARCHAR,
    last_modified VARCHAR
);

CREATE TABLE scan_sources (
    scan_id      VARCHAR NOT NULL,      -- one scan run (e.g. the daily partition key plus a timestamp)
    source       VARCHAR NOT NULL,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    items        INTEGER NOT NULL DEFAULT 0,
    errors       INTEGER NOT NULL DEFAULT 0,
    http_status  JSON,                  -- {"200": 12, "404": 1}
    robots_skipped INTEGER NOT NULL DEFAULT 0,
    message      VARCHAR,
    PRIMARY KEY (scan_id, source)
);

CREATE TABLE media_items (
    item_id       VARCHAR PRIMARY KEY,  -- sha1 of canonical_url
    url           VARCHAR NOT NULL,
    canonical_url VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,     -- 'news' | 'social'
    title         VARCHAR,
    text          VARCHAR NOT NULL,
    published     TIMESTAMP,
    fetched_at    TIMESTAMP NOT NULL,
    language      VARCHAR,
    fingerprint   UBIGINT,
    cluster_id    VARCHAR,
    author_hash   VARCHAR,              -- salted hash; plain author only for organisation sources
    gemeenten     VARCHAR[]             -- municipalities the source covers
);
