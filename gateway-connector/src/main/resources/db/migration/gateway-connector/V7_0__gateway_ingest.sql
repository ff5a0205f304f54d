-- Gateway ingest (jp.renkei.hub.gateway.ingest): one row per source record, quarantined inputs, and the
-- SS-MIX2 file ledger. The record and ledger rows are written in the same transaction as the FHIR resources
-- they describe, so a crash leaves either all of them or none.

-- A source record (an SS-MIX2 order, a pushed HL7 message's order, a JAHIS dispensing) as last applied: the
-- idempotency key is (facility, record_key); version is the source's own timestamp, so an older version
-- arriving late never overwrites a newer one; content_hash lets a re-ingest of the same version write nothing.
CREATE TABLE hub.gateway_record (
    facility_id   uuid         NOT NULL REFERENCES hub.facility (id),
    record_key    varchar(300) NOT NULL,
    version       timestamp    NOT NULL,
    cancelled     boolean      NOT NULL,
    content_hash  varchar(64)  NOT NULL,
    resources     text         NOT NULL,
    source        text         NOT NULL,
    stored_at     timestamptz  NOT NULL,
    PRIMARY KEY (facility_id, record_key)
);

-- Inputs that could not be parsed or mapped, kept byte for byte with the exact reason, until re-processed.
CREATE TABLE hub.gateway_quarantine (
    id             uuid         PRIMARY KEY,
    facility_id    uuid         NOT NULL REFERENCES hub.facility (id),
    source_kind    varchar(32)  NOT NULL,
    source_ref     text         NOT NULL,
    raw            bytea        NOT NULL,
    raw_sha256     varchar(64)  NOT NULL,
    reason         text         NOT NULL,
    location       text,
    status         varchar(8)   NOT NULL CHECK (status IN ('HELD', 'RESOLVED')),
    attempts       integer      NOT NULL CHECK (attempts > 0),
    quarantined_at timestamptz  NOT NULL,
    last_tried_at  timestamptz  NOT NULL,
    resolved_at    timestamptz,
    CONSTRAINT gateway_quarantine_resolved CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL))
);

-- The same bad input seen again is the same quarantined item, not a new one.
CREATE UNIQUE INDEX gateway_quarantine_held_once
    ON hub.gateway_quarantine (facility_id, source_kind, source_ref, raw_sha256) WHERE status = 'HELD';
CREATE INDEX gateway_quarantine_facility ON hub.gateway_quarantine (facility_id, status, quarantined_at);
