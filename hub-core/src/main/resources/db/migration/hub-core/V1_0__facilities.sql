-- The facility registry: participating facilities, their DICOM AE titles and every status change.
-- The rules (code per kind, lifecycle, reasons) live in Java (jp.renkei.hub.core.facility); the constraints
-- here keep the stored data well-formed and unique even if a bug or a concurrent request slips past them.

CREATE TABLE hub.facility (
    id                       uuid         PRIMARY KEY,
    kind                     varchar(32)  NOT NULL,
    medical_institution_code varchar(10),
    name                     varchar(200) NOT NULL,
    name_kana                varchar(200) NOT NULL,
    postal_code              varchar(8)   NOT NULL,
    prefecture               varchar(10)  NOT NULL,
    city                     varchar(100) NOT NULL,
    address_line             varchar(200) NOT NULL,
    region                   varchar(50)  NOT NULL,
    phone                    varchar(20)  NOT NULL,
    email                    varchar(254),
    status                   varchar(16)  NOT NULL,
    created_at               timestamptz  NOT NULL,
    updated_at               timestamptz  NOT NULL,
    updated_by               varchar(100) NOT NULL,
    CONSTRAINT facility_code_unique UNIQUE (medical_institution_code),
    CONSTRAINT facility_code_format CHECK (medical_institution_code ~ '^(0[1-9]|[1-3][0-9]|4[0-7])[0-9]{8}$'),
    CONSTRAINT facility_kind_known CHECK (kind IN ('HOSPITAL', 'CLINIC', 'DENTAL_CLINIC', 'PHARMACY',
        'VISITING_NURSE_STATION', 'CARE_MANAGEMENT_OFFICE', 'CARE_FACILITY', 'LAB_CENTER', 'MUNICIPALITY',
        'HUB_OPERATOR')),
    CONSTRAINT facility_status_known CHECK (status IN ('APPLIED', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'WITHDRAWN')),
    CONSTRAINT facility_postal_code_format CHECK (postal_code ~ '^[0-9]{3}-[0-9]{4}$')
);

-- An AE title names exactly one facility across the hub: the DICOM bridge accepts associations by it.
CREATE TABLE hub.facility_ae_title (
    ae_title    varchar(16) NOT NULL,
    facility_id uuid        NOT NULL REFERENCES hub.facility (id),
    position    smallint    NOT NULL,
    CONSTRAINT facility_ae_title_unique PRIMARY KEY (ae_title),
    CONSTRAINT facility_ae_title_position_unique UNIQUE (facility_id, position),
    CONSTRAINT facility_ae_title_format CHECK (ae_title ~ '^[A-Z0-9_-]([A-Z0-9_ -]{0,14}[A-Z0-9_-])?$')
);

-- Who changed a facility's status, when and why. Append-only; from_status is NULL for the application.
CREATE TABLE hub.facility_status_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    facility_id uuid          NOT NULL REFERENCES hub.facility (id),
    from_status varchar(16),
    to_status   varchar(16)   NOT NULL,
    reason      varchar(1000),
    actor_id    varchar(100)  NOT NULL,
    changed_at  timestamptz   NOT NULL,
    CONSTRAINT facility_history_from_known CHECK (from_status IN ('APPLIED', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'WITHDRAWN')),
    CONSTRAINT facility_history_to_known CHECK (to_status IN ('APPLIED', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'WITHDRAWN'))
);

CREATE INDEX facility_status_history_facility ON hub.facility_status_history (facility_id, id);
