-- A round: registration window and participating municipalities. Also a Dagster dynamic partition.
CREATE TABLE rounds (
    round_id   VARCHAR PRIMARY KEY,     -- '2027-R1'
    open_date  DATE NOT NULL,
    close_date DATE NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE round_gemeenten (
    round_id     VARCHAR NOT NULL,
    gemeentecode VARCHAR NOT NULL,
    PRIMARY KEY (round_id, gemeentecode)
);
