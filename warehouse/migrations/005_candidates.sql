-- Classifier output and the feedback that trains it.
CREATE TABLE model_versions (
    model_version VARCHAR PRIMARY KEY,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    path          VARCHAR NOT NULL,
    n_train       INTEGER,
    n_feedback    INTEGER,
    metrics       JSON
);

CREATE TABLE candidates (
    item_id       VARCHAR PRIMARY KEY,  -- media_items.item_id
    model_version VARCHAR NOT NULL,
    is_initiative BOOLEAN NOT NULL,
    score         DOUBLE NOT NULL,
    gemeentecode  VARCHAR,              -- NULL when unknown
    themes        VARCHAR[] NOT NULL,
    evidence      JSON,
    scored_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE candidate_feedback (
    item_id       VARCHAR NOT NULL,
    round_id      VARCHAR,
    gemeentecode  VARCHAR,
    label         VARCHAR NOT NULL,     -- 'relevant' | 'niet relevant'
    decided_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    source_sha256 VARCHAR,
    PRIMARY KEY (item_id, gemeentecode)
);
