-- Intake ledger details: every problem of a rejected row, and how each received file was read.
-- intake_rows keeps one row per data row (its first problem column and all reasons joined);
-- intake_errors lists each problem separately, as the receipt and `pnet intake --json` show them.
CREATE TABLE intake_errors (
    sha256      VARCHAR NOT NULL,
    row_number  INTEGER NOT NULL,
    seq         INTEGER NOT NULL,       -- order of the problem within its row
    column_name VARCHAR,
    reason      VARCHAR NOT NULL,       -- Dutch, names row and column
    PRIMARY KEY (sha256, row_number, seq)
);

ALTER TABLE intake_files ADD COLUMN file_format VARCHAR;   -- e.g. 'csv, cp1252, scheidingsteken ;'
ALTER TABLE intake_files ADD COLUMN receipt_path VARCHAR;
