-- Matching: solver runs, the match set with explanation, alternates and meeting decisions.
CREATE TABLE match_runs (
    round_id   VARCHAR PRIMARY KEY,
    solved_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    status     VARCHAR NOT NULL,
    objective  DOUBLE,
    bound      DOUBLE,
    gap        DOUBLE,
    fairness   BOOLEAN NOT NULL DEFAULT false,
    params     JSON
);

CREATE TABLE match_set (
    round_id      VARCHAR NOT NULL,
    initiative_id VARCHAR NOT NULL,
    consultant_id VARCHAR NOT NULL,
    hours         INTEGER NOT NULL,
    score         DOUBLE NOT NULL,
    components    JSON,                 -- {"themes": .., "text": .., "travel": .., "distance_km": ..}
    locked        BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (round_id, initiative_id, consultant_id)
);

CREATE TABLE match_alternates (
    round_id      VARCHAR NOT NULL,
    initiative_id VARCHAR NOT NULL,
    rank          INTEGER NOT NULL,
    consultant_id VARCHAR NOT NULL,
    score         DOUBLE NOT NULL,
    PRIMARY KEY (round_id, initiative_id, rank)
);

CREATE TABLE match_decisions (
    round_id      VARCHAR NOT NULL,
    initiative_id VARCHAR NOT NULL,
    consultant_id VARCHAR NOT NULL,
    decision      VARCHAR NOT NULL,     -- 'akkoord' | 'afgewezen'
    hours         INTEGER,
    decided_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    source_sha256 VARCHAR,
    PRIMARY KEY (round_id, initiative_id, consultant_id)
);
