-- Web questionnaires (WEB問診): a facility's questionnaire in versions. A series is one questionnaire; each
-- version is a draft until published (then written to the FHIR store as a Questionnaire owned by the facility),
-- and retired when a newer version is published or staff retire it. Items are the builder's JSON.
CREATE TABLE hub.questionnaire_form (
    id           uuid        PRIMARY KEY,
    series_id    uuid        NOT NULL,
    facility_id  text        NOT NULL,
    version      integer     NOT NULL CHECK (version > 0),
    title        text        NOT NULL CHECK (length(btrim(title)) > 0),
    items        text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'RETIRED')),
    fhir_id      text,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    published_at timestamptz,
    retired_at   timestamptz,
    UNIQUE (series_id, version)
);
CREATE INDEX questionnaire_form_by_facility ON hub.questionnaire_form (facility_id, series_id, version);
-- at most one published version of a series at a time
CREATE UNIQUE INDEX questionnaire_form_one_active ON hub.questionnaire_form (series_id) WHERE status = 'ACTIVE';
