-- When data last arrived from each facility, per channel (ingest, DICOM): written by gateway-connector and
-- dicom-bridge when they store data, read by the VPN status. One row per facility and channel, so reading it is
-- one index lookup however large the audit trail grows.
CREATE TABLE hub.data_arrival (
    facility_id text        NOT NULL,
    channel     text        NOT NULL CHECK (channel IN ('INGEST', 'DICOM')),
    last_at     timestamptz NOT NULL,
    PRIMARY KEY (facility_id, channel)
);

-- Notices for the hub's operators (e.g. a VPN certificate about to expire). dedup_key makes raising a notice
-- idempotent: a scheduled check that runs again raises nothing new.
CREATE TABLE hub.operator_notice (
    id              uuid        PRIMARY KEY,
    dedup_key       text        NOT NULL UNIQUE,
    topic           text        NOT NULL,
    facility_id     text,
    severity        text        NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    message         text        NOT NULL,
    raised_at       timestamptz NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by text
);
CREATE INDEX operator_notice_open ON hub.operator_notice (topic, raised_at) WHERE acknowledged_at IS NULL;

-- A renewed VPN router's previous certificate stays valid (not in the CRL) until the router has switched: it is
-- RETIRING, so the one-ISSUED-certificate-per-device rule still holds for the current one.
ALTER TABLE hub.device_certificate DROP CONSTRAINT device_certificate_status_check;
ALTER TABLE hub.device_certificate ADD CONSTRAINT device_certificate_status_check
    CHECK (status IN ('ISSUED', 'RETIRING', 'REVOKED'));
