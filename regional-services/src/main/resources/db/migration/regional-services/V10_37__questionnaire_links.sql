-- One-time answer links of web questionnaires: only hashes of the link token, the short code and the answer
-- session are kept. A link is used once (used_at), expires (expires_at) and locks after too many wrong birth
-- dates (locked_at).
CREATE TABLE hub.questionnaire_link (
    id               uuid        PRIMARY KEY,
    form_id          uuid        NOT NULL REFERENCES hub.questionnaire_form (id),
    facility_id      text        NOT NULL,
    patient_id       text        NOT NULL,
    local_patient_id text        NOT NULL,
    event_number     text,
    visit_date       date        NOT NULL,
    token_hash       text        NOT NULL UNIQUE,
    code_hash        text        NOT NULL UNIQUE,
    session_hash     text        UNIQUE,
    failed_attempts  integer     NOT NULL DEFAULT 0,
    issued_by        text        NOT NULL,
    issued_at        timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    verified_at      timestamptz,
    locked_at        timestamptz,
    used_at          timestamptz,
    response_fhir_id text
);
CREATE INDEX questionnaire_link_by_facility_day ON hub.questionnaire_link (facility_id, visit_date);
CREATE INDEX questionnaire_link_by_patient ON hub.questionnaire_link (facility_id, local_patient_id);
