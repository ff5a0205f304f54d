-- Care-net (jp.renkei.hub.carenet): one room per patient shared by the home-care team. V10: V9 is left to
-- vpn-provisioning, which is being built at the same time.

-- A room is applied for with the patient's scanned written consent and opened by the support centre. It may
-- name an event number, but also works for people no hospital has enrolled.
CREATE TABLE hub.care_room (
    id                   uuid        PRIMARY KEY,
    patient_name         text        NOT NULL CHECK (length(btrim(patient_name)) > 0),
    patient_name_kana    text,
    patient_birth_date   date,
    event_number         varchar(16) REFERENCES hub.event_number (number),
    status               varchar(16) NOT NULL CHECK (status IN ('APPLIED', 'OPEN', 'REJECTED', 'CLOSED', 'ARCHIVED')),
    applicant_id         text        NOT NULL,
    applicant_facility   text        NOT NULL,
    caretaker_id         text        NOT NULL,
    form_content_type    varchar(32) NOT NULL CHECK (form_content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    form                 bytea       NOT NULL CHECK (octet_length(form) <= 5242880),
    applied_at           timestamptz NOT NULL,
    decided_at           timestamptz,
    decided_by           text,
    decision_reason      text,
    closed_at            timestamptz,
    last_activity_at     timestamptz NOT NULL
);
CREATE INDEX care_room_by_status ON hub.care_room (status, applied_at);

-- Members: staff of participating facilities and family members. A removal keeps the row (removed_at), so
-- the log of who belonged when stays; access is decided on removed_at IS NULL at every request.
CREATE TABLE hub.care_room_member (
    id           uuid        PRIMARY KEY,
    room_id      uuid        NOT NULL REFERENCES hub.care_room (id),
    person_id    text        NOT NULL,
    display_name text        NOT NULL,
    profession   text        NOT NULL,
    facility_id  text,
    kind         varchar(8)  NOT NULL CHECK (kind IN ('STAFF', 'FAMILY')),
    proposed     boolean     NOT NULL,
    added_at     timestamptz NOT NULL,
    added_by     text        NOT NULL,
    removed_at   timestamptz,
    removed_by   text,
    removal_reason text,
    CONSTRAINT care_room_member_staff_facility CHECK (kind = 'FAMILY' OR facility_id IS NOT NULL)
);
CREATE UNIQUE INDEX care_room_member_current ON hub.care_room_member (room_id, person_id) WHERE removed_at IS NULL;
CREATE INDEX care_room_member_by_person ON hub.care_room_member (person_id) WHERE removed_at IS NULL;

-- Category templates of structured entries (like FHIR Questionnaires): data, so a region can add its own.
CREATE TABLE hub.care_template (
    code       varchar(32) PRIMARY KEY,
    position   integer     NOT NULL,
    definition jsonb       NOT NULL
);

CREATE TABLE hub.care_post (
    id             uuid        PRIMARY KEY,
    room_id        uuid        NOT NULL REFERENCES hub.care_room (id),
    author_id      text        NOT NULL,
    author_name    text        NOT NULL,
    author_profession text     NOT NULL,
    title          text        NOT NULL CHECK (length(btrim(title)) > 0),
    body           text        NOT NULL,
    entries        jsonb       NOT NULL,
    shared_with_family boolean NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX care_post_by_room ON hub.care_post (room_id, created_at DESC);

CREATE TABLE hub.care_comment (
    id          uuid        PRIMARY KEY,
    post_id     uuid        NOT NULL REFERENCES hub.care_post (id),
    author_id   text        NOT NULL,
    author_name text        NOT NULL,
    body        text        NOT NULL CHECK (length(btrim(body)) > 0),
    created_at  timestamptz NOT NULL
);
CREATE INDEX care_comment_by_post ON hub.care_comment (post_id, created_at);

-- First read only: "既読" counts people, not views.
CREATE TABLE hub.care_read_receipt (
    post_id   uuid        NOT NULL REFERENCES hub.care_post (id),
    person_id text        NOT NULL,
    read_at   timestamptz NOT NULL,
    PRIMARY KEY (post_id, person_id)
);

CREATE TABLE hub.care_pin (
    post_id   uuid        NOT NULL REFERENCES hub.care_post (id),
    person_id text        NOT NULL,
    colour    varchar(8)  NOT NULL CHECK (colour IN ('RED', 'YELLOW', 'GREEN', 'BLUE', 'PURPLE')),
    pinned_at timestamptz NOT NULL,
    PRIMARY KEY (post_id, person_id)
);

-- Photos and files, stored as sanitised (EXIF stripped) bytes with a thumbnail for images.
CREATE TABLE hub.care_attachment (
    id           uuid        PRIMARY KEY,
    post_id      uuid        NOT NULL REFERENCES hub.care_post (id),
    file_name    text        NOT NULL,
    content_type varchar(32) NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    content      bytea       NOT NULL CHECK (octet_length(content) <= 10485760),
    thumbnail    bytea,
    created_at   timestamptz NOT NULL
);
CREATE INDEX care_attachment_by_post ON hub.care_attachment (post_id);

-- Mail notification: each person chooses how often; the notifier remembers when it last wrote to them.
CREATE TABLE hub.care_mail_preference (
    person_id   text        PRIMARY KEY,
    frequency   varchar(8)  NOT NULL CHECK (frequency IN ('NEVER', 'HOURLY', 'DAILY')),
    last_sent_at timestamptz
);
