-- The audit trail (MHLW guideline 6.0: every access is logged). Rows are only ever appended.
-- seq is assigned by the appender as last + 1 while it holds an advisory lock, not by a sequence: a sequence
-- skips numbers on rollback, and then a gap could not tell a deleted row from a lost one.
-- Each row's hash covers its predecessor's hash (prev_hash) and every stored field, so an edited,
-- deleted or reordered row shows in verification.
CREATE TABLE hub.audit_event (
    seq         bigint      PRIMARY KEY CHECK (seq > 0),
    recorded_at timestamptz NOT NULL,
    actor_kind  text,
    actor_id    text,
    facility_id text,
    roles       text        NOT NULL,
    patient_ref text,
    action      text        NOT NULL,
    resource    text,
    outcome     text        NOT NULL,
    status      integer     NOT NULL,
    purpose     text,
    source_ip   text,
    detail      text,
    prev_hash   char(64)    NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash        char(64)    NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX audit_event_recorded_at ON hub.audit_event (recorded_at);
CREATE INDEX audit_event_actor_id ON hub.audit_event (actor_id);
CREATE INDEX audit_event_facility_id ON hub.audit_event (facility_id);
CREATE INDEX audit_event_patient_ref ON hub.audit_event (patient_ref);

-- Defence in depth: the application never changes or removes a row, so the database refuses to as well.
-- The hash chain stays the real guarantee, since a superuser can disable these triggers.
CREATE FUNCTION hub.audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'hub.audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON hub.audit_event
    FOR EACH ROW EXECUTE FUNCTION hub.audit_event_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON hub.audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION hub.audit_event_append_only();
