-- CBS reference data (Bron: CBS, CC BY 4.0).
CREATE TABLE gemeenten (
    gemeentecode VARCHAR PRIMARY KEY,   -- 'GM0363'
    gemeentenaam VARCHAR NOT NULL,      -- CBS spelling
    provincie    VARCHAR NOT NULL,
    inwoners     INTEGER NOT NULL,
    peiljaar     INTEGER NOT NULL
);

CREATE TABLE woonplaatsen (
    woonplaatscode VARCHAR PRIMARY KEY,
    woonplaats     VARCHAR NOT NULL,
    gemeentecode   VARCHAR NOT NULL,
    provincie      VARCHAR NOT NULL
);

CREATE TABLE gemeente_boundaries (
    gemeentecode VARCHAR PRIMARY KEY,
    centroid_lat DOUBLE NOT NULL,
    centroid_lon DOUBLE NOT NULL,
    geometry     VARCHAR NOT NULL       -- GeoJSON geometry, WGS84
);
