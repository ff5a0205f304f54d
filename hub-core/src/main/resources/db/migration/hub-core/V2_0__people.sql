-- People: one account per person (login and e-mail unique, case-insensitively), their memberships in
-- facilities, two-factor secrets and recovery codes, and server-side sessions.
CREATE TABLE hub.person (
    id                   uuid PRIMARY KEY,
    login                text NOT NULL,
    email                text NOT NULL,
    display_name         text NOT NULL,
    name_kana            text,
    profession           text NOT NULL,
    status               text NOT NULL CHECK (status IN ('INVITED', 'ACTIVE', 'LOCKED', 'RETIRED')),
    password_hash        text,
    password_changed_at  timestamptz,
    failed_logins        integer NOT NULL DEFAULT 0,
    locked_at            timestamptz,
    activation_code_hash text,
    activation_expires_at timestamptz,
    totp_secret          text,
    totp_pending_secret  text,
    totp_last_step       bigint NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL,
    created_by           text NOT NULL
);
CREATE UNIQUE INDEX person_login_unique ON hub.person (lower(login));
CREATE UNIQUE INDEX person_email_unique ON hub.person (lower(email));

CREATE TABLE hub.person_membership (
    person_id   uuid NOT NULL REFERENCES hub.person (id),
    facility_id text NOT NULL,
    admin       boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL,
    PRIMARY KEY (person_id, facility_id)
);
CREATE INDEX person_membership_facility ON hub.person_membership (facility_id);

CREATE TABLE hub.recovery_code (
    person_id uuid NOT NULL REFERENCES hub.person (id),
    code_hash text NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (person_id, code_hash)
);

CREATE TABLE hub.session (
    token_hash   text PRIMARY KEY,
    person_id    uuid NOT NULL REFERENCES hub.person (id),
    facility_id  text,
    roles        text NOT NULL,
    scope        text NOT NULL CHECK (scope IN ('FULL', 'TOTP_ENROLMENT')),
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX session_person ON hub.session (person_id);
