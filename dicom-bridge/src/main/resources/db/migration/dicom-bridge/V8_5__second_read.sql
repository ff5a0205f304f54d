-- Second reads (二次読影, dicom-bridge): a facility asks a reading facility's radiologists to read one of its own
-- studies. The reading side sees the study only de-identified, under the request's pseudonym; the secrets that
-- make that release (UID key, date shift) stay here, so the report can be linked back to the original study.
CREATE TABLE hub.second_read (
    id                     uuid PRIMARY KEY,
    requesting_facility_id uuid        NOT NULL REFERENCES hub.facility (id),
    reading_facility_id    uuid        NOT NULL REFERENCES hub.facility (id),
    study_uid              varchar(64) NOT NULL REFERENCES hub.dicom_study (study_uid),
    question               text        NOT NULL,
    status                 text        NOT NULL
        CHECK (status IN ('REQUESTED', 'IN_PROGRESS', 'REPORTED', 'ACKNOWLEDGED', 'CANCELLED')),
    -- the release: pseudonym (random, never derived from the patient), UID key, dates option and shift
    pseudonym              varchar(32) NOT NULL UNIQUE,
    uid_key                bytea       NOT NULL,
    date_handling          text        NOT NULL CHECK (date_handling IN ('REMOVE', 'KEEP', 'SHIFT')),
    date_shift_days        integer     NOT NULL,
    requested_by           text        NOT NULL,
    requested_at           timestamptz NOT NULL,
    claimed_by             text,
    claimed_at             timestamptz,
    reported_by            text,
    reported_at            timestamptz,
    diagnostic_report_id   varchar(64),
    provenance_id          varchar(64),
    -- HMAC-SHA256 (base64) of the signed report content, see ReportSignature
    report_signature       text,
    acknowledged_by        text,
    acknowledged_at        timestamptz,
    cancelled_by           text,
    cancelled_at           timestamptz
);
CREATE INDEX second_read_requesting ON hub.second_read (requesting_facility_id, requested_at);
CREATE INDEX second_read_reading ON hub.second_read (reading_facility_id, status, requested_at);
