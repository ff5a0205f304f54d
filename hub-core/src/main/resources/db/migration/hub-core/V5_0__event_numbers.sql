-- Event management numbers and the cross-reference from each facility's local patient ID to them
-- (jp.renkei.hub.core.patient). Numbers are random with a Verhoeff check digit; the primary key is what
-- makes them unique. A number is never deleted or reused: a merged number stays and points to its survivor.

CREATE TABLE hub.event_number (
    number           varchar(16) PRIMARY KEY CHECK (number ~ '^[1-9][0-9]{15}$'),
    status           varchar(8)  NOT NULL CHECK (status IN ('ACTIVE', 'MERGED')),
    merged_into      varchar(16) REFERENCES hub.event_number (number),
    merged_at        timestamptz,
    merged_by        text,
    merge_reason     text,
    created_at       timestamptz NOT NULL,
    created_by       text        NOT NULL,
    created_facility uuid        REFERENCES hub.facility (id),
    CONSTRAINT event_number_merge_complete CHECK ((status = 'MERGED') = (merged_into IS NOT NULL
        AND merged_at IS NOT NULL AND merged_by IS NOT NULL AND merge_reason IS NOT NULL)),
    CONSTRAINT event_number_not_merged_into_itself CHECK (merged_into <> number)
);

CREATE INDEX event_number_merged_into ON hub.event_number (merged_into);

-- One row per link a facility ever made; an unlinked row stays as it was, so the table keeps who linked
-- what. verified_by is how the person linking checked the patient's identity; it is empty for enrolment,
-- where the facility registered the patient itself and the hub issued the number for them.
CREATE TABLE hub.patient_link (
    id               uuid        PRIMARY KEY,
    facility_id      uuid        NOT NULL REFERENCES hub.facility (id),
    local_patient_id varchar(64) NOT NULL CHECK (local_patient_id ~ '^[A-Za-z0-9_./-]{1,64}$'),
    event_number     varchar(16) NOT NULL REFERENCES hub.event_number (number),
    status           varchar(8)  NOT NULL CHECK (status IN ('LINKED', 'UNLINKED')),
    version          integer     NOT NULL CHECK (version > 0),
    linked_at        timestamptz NOT NULL,
    linked_by        text        NOT NULL,
    verified_by      varchar(16) CHECK (verified_by IN ('CARD', 'IN_PERSON', 'DOCUMENT')),
    reason           text,
    unlinked_at      timestamptz,
    unlinked_by      text,
    unlink_reason    text,
    CONSTRAINT patient_link_unlink_complete CHECK ((status = 'UNLINKED') = (unlinked_at IS NOT NULL
        AND unlinked_by IS NOT NULL AND unlink_reason IS NOT NULL))
);

-- A facility's local patient ID names at most one patient at a time.
CREATE UNIQUE INDEX patient_link_one_current ON hub.patient_link (facility_id, local_patient_id)
    WHERE status = 'LINKED';
CREATE INDEX patient_link_current_by_number ON hub.patient_link (event_number) WHERE status = 'LINKED';

-- Every version of every link: created (ENROLLED, LINKED), ended (UNLINKED) or moved by a merge (MERGED,
-- with the number it was moved from).
CREATE TABLE hub.patient_link_event (
    link_id          uuid        NOT NULL REFERENCES hub.patient_link (id),
    version          integer     NOT NULL CHECK (version > 0),
    change           varchar(16) NOT NULL CHECK (change IN ('ENROLLED', 'LINKED', 'UNLINKED', 'MERGED')),
    facility_id      uuid        NOT NULL,
    local_patient_id varchar(64) NOT NULL,
    event_number     varchar(16) NOT NULL REFERENCES hub.event_number (number),
    previous_number  varchar(16) REFERENCES hub.event_number (number),
    verified_by      varchar(16),
    reason           text,
    actor_id         text        NOT NULL,
    actor_facility   text,
    changed_at       timestamptz NOT NULL,
    PRIMARY KEY (link_id, version)
);

CREATE INDEX patient_link_event_by_number ON hub.patient_link_event (event_number);

-- "Health passport" IC cards: a card holds only its own number, which resolves to an event number.
-- A lost card stays recorded as LOST so it can never resolve again nor be issued to someone else.
CREATE TABLE hub.ic_card (
    card_number  varchar(32) PRIMARY KEY CHECK (card_number ~ '^[A-Z0-9]{8,32}$'),
    event_number varchar(16) NOT NULL REFERENCES hub.event_number (number),
    status       varchar(8)  NOT NULL CHECK (status IN ('ACTIVE', 'LOST')),
    issued_at    timestamptz NOT NULL,
    issued_by    text        NOT NULL,
    issued_facility uuid     REFERENCES hub.facility (id),
    lost_at      timestamptz,
    lost_by      text,
    CONSTRAINT ic_card_loss_complete CHECK ((status = 'LOST') = (lost_at IS NOT NULL AND lost_by IS NOT NULL))
);

CREATE INDEX ic_card_event_number ON hub.ic_card (event_number);
