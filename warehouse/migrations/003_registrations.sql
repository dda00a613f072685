-- Registrations submitted by municipalities (intake), with a ledger of every received file and row.
CREATE TABLE intake_files (
    sha256        VARCHAR PRIMARY KEY,
    file_name     VARCHAR NOT NULL,
    archived_path VARCHAR,
    round_id      VARCHAR,
    kind          VARCHAR,              -- 'initiatives' | 'consultants' | 'decisions' | 'evaluations' | NULL when unreadable
    received_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    rows          INTEGER NOT NULL DEFAULT 0,
    accepted      INTEGER NOT NULL DEFAULT 0,
    rejected      INTEGER NOT NULL DEFAULT 0,
    duplicates    INTEGER NOT NULL DEFAULT 0,
    error         VARCHAR               -- Dutch reason when the file could not be read
);

CREATE TABLE intake_rows (
    sha256      VARCHAR NOT NULL,
    row_number  INTEGER NOT NULL,       -- row number as the user sees it in the sheet
    outcome     VARCHAR NOT NULL,       -- 'loaded' | 'rejected' | 'duplicate'
    column_name VARCHAR,
    reason      VARCHAR,                -- Dutch
    record_id   VARCHAR,                -- initiative_id / consultant_id it loaded into or duplicated
    PRIMARY KEY (sha256, row_number)
);

CREATE TABLE initiatives (
    round_id        VARCHAR NOT NULL,
    initiative_id   VARCHAR NOT NULL,   -- stable: from round, gemeentecode and normalised titel
    gemeentecode    VARCHAR NOT NULL,   -- host municipality
    titel           VARCHAR NOT NULL,
    omschrijving    VARCHAR,
    initiatiefnemer VARCHAR,
    contactpersoon  VARCHAR,
    contact_email   VARCHAR,
    woonplaats      VARCHAR,
    themas          VARCHAR[] NOT NULL, -- theme codes from config/themas.yaml
    uren_gevraagd   DOUBLE NOT NULL,
    hulpvraag       VARCHAR,
    prioriteit      INTEGER NOT NULL DEFAULT 1,
    ingediend_op    DATE,
    origin          VARCHAR NOT NULL DEFAULT 'registration',  -- 'registration' | 'candidate'
    source_sha256   VARCHAR,
    source_row      INTEGER,
    updated_at      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (round_id, initiative_id)
);

CREATE TABLE consultants (
    round_id          VARCHAR NOT NULL,
    consultant_id     VARCHAR NOT NULL, -- stable: from the normalised e-mail address
    naam              VARCHAR NOT NULL,
    email             VARCHAR NOT NULL,
    gemeentecode      VARCHAR NOT NULL, -- employer (home municipality), never the host
    functie           VARCHAR,
    expertise         VARCHAR,
    themas            VARCHAR[] NOT NULL,
    uren_beschikbaar  DOUBLE NOT NULL,
    beschikbaar_vanaf DATE,
    beschikbaar_tot   DATE,
    akkoord_werkgever BOOLEAN NOT NULL,
    source_sha256     VARCHAR,
    source_row        INTEGER,
    updated_at        TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (round_id, consultant_id)
);
