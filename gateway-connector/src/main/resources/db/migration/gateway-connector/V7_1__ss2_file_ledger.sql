-- SS-MIX2 incremental ingest (jp.renkei.hub.gateway.ss2): every file of a facility's storage root read so far,
-- with the size, modification time and SHA-256 it had. A file is read again only when one of them changes.
-- A file's row is written in the transaction that stores its resources (or quarantines or skips it).
CREATE TABLE hub.ss2_file_ledger (
    facility_id  uuid         NOT NULL REFERENCES hub.facility (id),
    path         text         NOT NULL,
    size         bigint       NOT NULL,
    modified_at  timestamptz  NOT NULL,
    sha256       varchar(64)  NOT NULL,
    outcome      varchar(16)  NOT NULL,
    processed_at timestamptz  NOT NULL,
    PRIMARY KEY (facility_id, path)
);
