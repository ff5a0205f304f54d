-- Facility systems that authenticate with a client certificate from the hub's CA, their certificates, and the
-- CRL that publishes revocations.

CREATE TABLE hub.device (
    id          uuid        PRIMARY KEY,
    facility_id text        NOT NULL,
    name        text        NOT NULL CHECK (length(btrim(name)) > 0),
    kind        text        NOT NULL CHECK (kind IN ('GATEWAY', 'PHARMACY_SYSTEM', 'PACS_FORWARDER')),
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED')),
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL
);

-- A name identifies one active device of a facility; a revoked device keeps its name in the history, and the
-- name may be given to a new device.
CREATE UNIQUE INDEX device_active_name ON hub.device (facility_id, name) WHERE status = 'ACTIVE';
CREATE INDEX device_facility ON hub.device (facility_id);

CREATE TABLE hub.device_certificate (
    serial            text        PRIMARY KEY CHECK (serial ~ '^[0-9a-f]+$'),
    device_id         uuid        NOT NULL REFERENCES hub.device (id),
    subject           text        NOT NULL,
    not_before        timestamptz NOT NULL,
    not_after         timestamptz NOT NULL,
    pem               text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('ISSUED', 'REVOKED')),
    issued_at         timestamptz NOT NULL,
    issued_by         text        NOT NULL,
    revoked_at        timestamptz,
    revoked_by        text,
    revocation_reason text CHECK (revocation_reason IN ('UNSPECIFIED', 'KEY_COMPROMISE', 'AFFILIATION_CHANGED',
                                                        'SUPERSEDED', 'CESSATION_OF_OPERATION', 'PRIVILEGE_WITHDRAWN')),
    CHECK ((status = 'REVOKED') = (revoked_at IS NOT NULL AND revoked_by IS NOT NULL AND revocation_reason IS NOT NULL))
);

-- One usable certificate per device: re-issuing revokes the previous one in the same transaction.
CREATE UNIQUE INDEX device_certificate_one_issued ON hub.device_certificate (device_id) WHERE status = 'ISSUED';
CREATE INDEX device_certificate_device ON hub.device_certificate (device_id, issued_at);

-- The current CRL, one row. Every revocation locks it, so CRL numbers increase and each CRL includes every
-- revocation committed before it.
CREATE TABLE hub.certificate_revocation_list (
    id            smallint    PRIMARY KEY CHECK (id = 1),
    crl_number    bigint      NOT NULL,
    issuer_key_id text,
    this_update   timestamptz,
    der           bytea
);
INSERT INTO hub.certificate_revocation_list (id, crl_number) VALUES (1, 0);
