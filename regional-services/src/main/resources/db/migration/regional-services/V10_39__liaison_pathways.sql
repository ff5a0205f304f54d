-- Regional liaison pathways (地域連携パス, issue W2-7). Templates are data shipped with the hub
-- (pathway-templates/*.json), stored per version when the hub starts; a pathway keeps the version it was
-- started from. Its FHIR view (CarePlan with contained Goals and CareTeam, QuestionnaireResponses) is built
-- from these tables for the pathway's own facilities only, never put into the FHIR store.
CREATE TABLE hub.pathway_template (
    code       text         NOT NULL,
    version    integer      NOT NULL CHECK (version >= 1),
    title      text         NOT NULL,
    definition jsonb        NOT NULL,
    digest     varchar(64)  NOT NULL,
    source     text         NOT NULL,
    loaded_at  timestamptz  NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE TABLE hub.pathway (
    id                uuid         PRIMARY KEY,
    template_code     text         NOT NULL,
    template_version  integer      NOT NULL,
    owner_facility_id text         NOT NULL,
    event_number      varchar(16)  NOT NULL REFERENCES hub.event_number (number),
    started_by        text         NOT NULL,
    started_by_name   text         NOT NULL,
    started_at        timestamptz  NOT NULL,
    FOREIGN KEY (template_code, template_version) REFERENCES hub.pathway_template (code, version)
);

CREATE INDEX pathway_owner ON hub.pathway (owner_facility_id, started_at DESC);

-- The facilities named for each stage; only they (and the owner) see the pathway.
CREATE TABLE hub.pathway_participant (
    pathway_id  uuid     NOT NULL REFERENCES hub.pathway (id) ON DELETE CASCADE,
    stage_code  text     NOT NULL,
    facility_id text     NOT NULL,
    position    integer  NOT NULL,
    PRIMARY KEY (pathway_id, stage_code, facility_id)
);

CREATE INDEX pathway_participant_facility ON hub.pathway_participant (facility_id);

-- One filled-in assessment sheet; the answers as text per item, typed again by the template's sheet.
CREATE TABLE hub.pathway_record (
    id          uuid         PRIMARY KEY,
    pathway_id  uuid         NOT NULL REFERENCES hub.pathway (id) ON DELETE CASCADE,
    stage_code  text         NOT NULL,
    sheet_code  text         NOT NULL,
    facility_id text         NOT NULL,
    person_id   text         NOT NULL,
    person_name text         NOT NULL,
    recorded_at timestamptz  NOT NULL,
    answers     jsonb        NOT NULL
);

CREATE INDEX pathway_record_pathway ON hub.pathway_record (pathway_id, recorded_at);

-- A stage marked done by one of its facilities, each goal achieved or not (at most once per stage).
CREATE TABLE hub.pathway_stage_completion (
    pathway_id   uuid         NOT NULL REFERENCES hub.pathway (id) ON DELETE CASCADE,
    stage_code   text         NOT NULL,
    facility_id  text         NOT NULL,
    person_id    text         NOT NULL,
    person_name  text         NOT NULL,
    completed_at timestamptz  NOT NULL,
    goals        jsonb        NOT NULL,
    note         text,
    PRIMARY KEY (pathway_id, stage_code)
);
