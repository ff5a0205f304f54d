-- Direct messages (特別便): a conversation among chosen members of a room, seen by its participants only.
CREATE TABLE hub.care_conversation (
    id         uuid        PRIMARY KEY,
    room_id    uuid        NOT NULL REFERENCES hub.care_room (id),
    subject    text        NOT NULL CHECK (length(btrim(subject)) > 0),
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX care_conversation_by_room ON hub.care_conversation (room_id);

CREATE TABLE hub.care_conversation_participant (
    conversation_id uuid NOT NULL REFERENCES hub.care_conversation (id),
    person_id       text NOT NULL,
    display_name    text NOT NULL,
    PRIMARY KEY (conversation_id, person_id)
);

CREATE TABLE hub.care_message (
    id              uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES hub.care_conversation (id),
    author_id       text        NOT NULL,
    author_name     text        NOT NULL,
    body            text        NOT NULL CHECK (length(btrim(body)) > 0),
    created_at      timestamptz NOT NULL
);
CREATE INDEX care_message_by_conversation ON hub.care_message (conversation_id, created_at);
