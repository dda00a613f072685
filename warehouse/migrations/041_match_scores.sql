-- Every scored pair of a round with its components, so each score (also of an alternate or a pair
-- never proposed) is explainable; `reden` says in Dutch why a pair is no candidate (NULL: it is one).
CREATE TABLE match_scores (
    round_id      VARCHAR NOT NULL,
    initiative_id VARCHAR NOT NULL,
    consultant_id VARCHAR NOT NULL,
    score         DOUBLE NOT NULL,
    themes        DOUBLE,
    text          DOUBLE,
    travel        DOUBLE,
    distance_km   DOUBLE,
    reden         VARCHAR,
    PRIMARY KEY (round_id, initiative_id, consultant_id)
);
