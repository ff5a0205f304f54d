-- Referral letters (診療情報提供書, issue W2-7). A letter written in the hub keeps its FHIR document Bundle
-- (JP-CLINS eReferral Composition); a letter received from outside keeps the signed file it arrived as. The
-- recipient facility reads and acknowledges it; the sender facility follows the status.
CREATE TABLE hub.referral_letter (
    id                    uuid         PRIMARY KEY,
    origin                varchar(8)   NOT NULL CHECK (origin IN ('HUB', 'EXTERNAL')),
    sender_facility_id    text,
    sender_person_id      text,
    sender_name           text         NOT NULL CHECK (length(btrim(sender_name)) > 0),
    recipient_facility_id text         NOT NULL,
    event_number          varchar(16)  REFERENCES hub.event_number (number),
    title                 text         NOT NULL CHECK (length(btrim(title)) > 0),
    sections              jsonb        NOT NULL,
    attachments           jsonb        NOT NULL,
    document              text,
    status                varchar(16)  NOT NULL CHECK (status IN ('UNREAD', 'READ', 'ACKNOWLEDGED')),
    created_at            timestamptz  NOT NULL,
    read_at               timestamptz,
    read_by               text,
    acknowledged_at       timestamptz,
    acknowledged_by       text,
    CHECK (origin = 'EXTERNAL' OR (sender_facility_id IS NOT NULL AND document IS NOT NULL))
);

CREATE INDEX referral_letter_inbox ON hub.referral_letter (recipient_facility_id, created_at DESC);
CREATE INDEX referral_letter_sent ON hub.referral_letter (sender_facility_id, created_at DESC);

-- A letter's signature and what the hub found when it checked it (one per letter). The signed file is kept as
-- it came (XAdES: the signed XML; CAdES detached: the .p7s with the content beside it; PAdES: the PDF).
CREATE TABLE hub.referral_letter_signature (
    letter_id        uuid         PRIMARY KEY REFERENCES hub.referral_letter (id),
    file_name        text         NOT NULL,
    media_type       text         NOT NULL,
    signed_file      bytea        NOT NULL CHECK (octet_length(signed_file) <= 10485760),
    detached_content bytea        CHECK (octet_length(detached_content) <= 10485760),
    format           varchar(8)   NOT NULL CHECK (format IN ('XADES', 'CADES', 'PADES')),
    verdict          varchar(16)  NOT NULL CHECK (verdict IN ('VALID', 'INVALID', 'INDETERMINATE')),
    reason           varchar(32)  NOT NULL,
    detail           text,
    signer_name      text,
    hc_role          text,
    signing_time     timestamptz,
    chain            jsonb        NOT NULL,
    verified_at      timestamptz  NOT NULL
);
