-- The round's initiatives as the matcher sees them: registrations plus the scanned candidates a
-- municipality confirmed, with provenance (which candidates describe which initiative).
CREATE TABLE match_initiatives (
    round_id        VARCHAR NOT NULL,
    initiative_id   VARCHAR NOT NULL,   -- the registration's id, or 'K-' + item id for a new candidate
    origin          VARCHAR NOT NULL,   -- 'registration' | 'candidate'
    gemeentecode    VARCHAR NOT NULL,
    titel           VARCHAR NOT NULL,
    omschrijving    VARCHAR,
    hulpvraag       VARCHAR,
    initiatiefnemer VARCHAR,
    woonplaats      VARCHAR,
    themas          VARCHAR[] NOT NULL,
    uren_gevraagd   DOUBLE NOT NULL,
    prioriteit      INTEGER NOT NULL,
    item_ids        VARCHAR[] NOT NULL, -- confirmed candidates (media_items.item_id) describing it
    link_score      DOUBLE,             -- similarity (0..1) of the best candidate linked to a registration
    merged_at       TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (round_id, initiative_id)
);
