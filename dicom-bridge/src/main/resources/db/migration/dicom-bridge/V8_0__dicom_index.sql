-- The index of DICOM instances received by the hub (dicom-bridge). The files themselves are in the object
-- store; a row is written only after its file is durable, and the rows of one instance in one transaction.
CREATE TABLE hub.dicom_study (
    study_uid          varchar(64) PRIMARY KEY,
    facility_id        uuid        NOT NULL REFERENCES hub.facility (id),
    patient_local_id   varchar(64) NOT NULL,
    patient_name       text,
    patient_birth_date varchar(8),
    patient_sex        varchar(16),
    study_date         varchar(8),
    study_time         varchar(16),
    accession_number   text,
    study_description  text,
    -- The FHIR ImagingStudy of the study, once written; published = it shows every instance indexed.
    imaging_study_id   varchar(64),
    published          boolean     NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX dicom_study_patient ON hub.dicom_study (facility_id, patient_local_id);
CREATE INDEX dicom_study_unpublished ON hub.dicom_study (study_uid) WHERE NOT published;

CREATE TABLE hub.dicom_series (
    series_uid         varchar(64) PRIMARY KEY,
    study_uid          varchar(64) NOT NULL REFERENCES hub.dicom_study (study_uid),
    modality           varchar(16),
    series_number      integer,
    series_description text,
    body_part          text,
    created_at         timestamptz NOT NULL
);
CREATE INDEX dicom_series_study ON hub.dicom_series (study_uid);

CREATE TABLE hub.dicom_instance (
    sop_instance_uid    varchar(64) PRIMARY KEY,
    series_uid          varchar(64) NOT NULL REFERENCES hub.dicom_series (series_uid),
    sop_class_uid       varchar(64) NOT NULL,
    instance_number     integer,
    transfer_syntax_uid varchar(64) NOT NULL,
    storage_key         text        NOT NULL,
    size_bytes          bigint      NOT NULL,
    calling_ae          varchar(16) NOT NULL,
    received_at         timestamptz NOT NULL
);
CREATE INDEX dicom_instance_series ON hub.dicom_instance (series_uid);
