-- Decisions and evaluations intake.
-- A decision workbook has rows on more than one sheet (Kandidaten, Matches): the ledger keys a row by
-- file, sheet and row number ('' for single-sheet files). Rows a kind does not count as data (a
-- decision row left empty) are counted per file in intake_files.skipped.
CREATE TABLE intake_rows_055 (
    sha256      VARCHAR NOT NULL,
    sheet       VARCHAR NOT NULL DEFAULT '',
    row_number  INTEGER NOT NULL,
    outcome     VARCHAR NOT NULL,
    column_name VARCHAR,
    reason      VARCHAR,
    record_id   VARCHAR,
    PRIMARY KEY (sha256, sheet, row_number)
);
INSERT INTO intake_rows_055 (sha256, row_number, outcome, column_name, reason, record_id)
    SELECT sha256, row_number, outcome, column_name, reason, record_id FROM intake_rows;
DROP TABLE intake_rows;
ALTER TABLE intake_rows_055 RENAME TO intake_rows;

CREATE TABLE intake_errors_055 (
    sha256      VARCHAR NOT NULL,
    sheet       VARCHAR NOT NULL DEFAULT '',
    row_number  INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    column_name VARCHAR,
    reason      VARCHAR NOT NULL,
    PRIMARY KEY (sha256, sheet, row_number, seq)
);
INSERT INTO intake_errors_055 (sha256, row_number, seq, column_name, reason)
    SELECT sha256, row_number, seq, column_name, reason FROM intake_errors;
DROP TABLE intake_errors;
ALTER TABLE intake_errors_055 RENAME TO intake_errors;

ALTER TABLE intake_files ADD COLUMN skipped INTEGER DEFAULT 0;

-- What a consultant's work for an initiative came to, recorded after the evaluation visit.
CREATE TABLE evaluations (
    round_id      VARCHAR NOT NULL,
    initiative_id VARCHAR NOT NULL,
    consultant_id VARCHAR NOT NULL,
    uren_besteed  DOUBLE NOT NULL,      -- hours actually spent
    resultaat     VARCHAR NOT NULL,     -- 'zeer goed' | 'goed' | 'matig' | 'onvoldoende'
    toelichting   VARCHAR,
    datum_bezoek  DATE NOT NULL,        -- the evaluation visit to the host municipality
    source_sha256 VARCHAR,
    source_row    INTEGER,
    updated_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (round_id, initiative_id, consultant_id)
);
