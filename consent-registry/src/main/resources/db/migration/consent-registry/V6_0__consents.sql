-- Patients' consents to share their data (jp.renkei.hub.consent). A consent keeps its identity; what it
-- says is kept as immutable versions: recording, every amendment and the withdrawal each add a row, so the
-- registry can always show what was agreed at any moment and by whom it was recorded.

CREATE TABLE hub.consent (
    id           uuid        PRIMARY KEY,
    event_number varchar(16) NOT NULL REFERENCES hub.event_number (number),
    category     varchar(16) NOT NULL CHECK (category IN ('CLINICAL', 'DISPENSING', 'IMAGING', 'CARE_TEAM')),
    created_at   timestamptz NOT NULL
);

CREATE INDEX consent_by_patient ON hub.consent (event_number);

-- grantee_facilities / source_facilities NULL means ALL participating facilities / ALL sources.
-- status is the state this version put the consent in; older versions read as SUPERSEDED.
CREATE TABLE hub.consent_version (
    consent_id          uuid        NOT NULL REFERENCES hub.consent (id),
    version             integer     NOT NULL CHECK (version > 0),
    change              varchar(16) NOT NULL CHECK (change IN ('RECORDED', 'AMENDED', 'WITHDRAWN')),
    status              varchar(16) NOT NULL CHECK (status IN ('ACTIVE', 'WITHDRAWN')),
    grantee_facilities  uuid[]      CHECK (cardinality(grantee_facilities) > 0),
    source_facilities   uuid[]      CHECK (cardinality(source_facilities) > 0),
    valid_from          timestamptz NOT NULL,
    valid_until         timestamptz CHECK (valid_until > valid_from),
    obtained_via        varchar(16) NOT NULL CHECK (obtained_via IN ('WRITTEN_FORM', 'IC_CARD', 'ELECTRONIC')),
    obtaining_facility  uuid        NOT NULL REFERENCES hub.facility (id),
    obtained_by         text        NOT NULL,
    form_content_type   varchar(32) CHECK (form_content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    form                bytea       CHECK (octet_length(form) <= 5242880),
    reason              text,
    actor_id            text        NOT NULL,
    actor_facility      uuid        NOT NULL,
    changed_at          timestamptz NOT NULL,
    PRIMARY KEY (consent_id, version),
    CONSTRAINT consent_version_form_complete CHECK ((form IS NULL) = (form_content_type IS NULL)),
    CONSTRAINT consent_version_withdrawal_reason CHECK (status <> 'WITHDRAWN' OR reason IS NOT NULL)
);

-- Emergency ("break-glass") access: a doctor opens CLINICAL read access to one patient for their facility,
-- with a reason, for a limited time. Rows are never changed; expiry is read from expires_at.
CREATE TABLE hub.break_glass (
    id           uuid        PRIMARY KEY,
    event_number varchar(16) NOT NULL REFERENCES hub.event_number (number),
    facility_id  uuid        NOT NULL REFERENCES hub.facility (id),
    doctor_id    text        NOT NULL,
    reason       text        NOT NULL CHECK (length(btrim(reason)) > 0),
    opened_at    timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL CHECK (expires_at > opened_at)
);

CREATE INDEX break_glass_by_patient ON hub.break_glass (event_number, facility_id);

-- One notice per facility where the patient was enrolled when emergency access was opened.
CREATE TABLE hub.break_glass_notification (
    id               uuid        PRIMARY KEY,
    break_glass_id   uuid        NOT NULL REFERENCES hub.break_glass (id),
    facility_id      uuid        NOT NULL REFERENCES hub.facility (id),
    local_patient_id varchar(64) NOT NULL,
    created_at       timestamptz NOT NULL,
    UNIQUE (break_glass_id, facility_id, local_patient_id)
);

CREATE INDEX break_glass_notification_by_facility ON hub.break_glass_notification (facility_id, created_at);
