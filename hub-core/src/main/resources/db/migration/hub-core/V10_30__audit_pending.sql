-- Audit events written inside a request's data transaction (issue 17): committed, or rolled back, together with
-- the data they describe, so a write needs one commit instead of two. They are not yet in the hash chain: the
-- single appender moves them into hub.audit_event in the order it sees them committed (giving each its seq,
-- prev_hash and hash) and deletes them here in the same transaction, so each event is in exactly one table.
CREATE TABLE hub.audit_pending (
    id          bigserial   PRIMARY KEY,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
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
    detail      text
);

-- The pending row a chained row came from (not hashed: it only ties the two tables together for the move).
ALTER TABLE hub.audit_event ADD COLUMN pending_id bigint;
CREATE UNIQUE INDEX audit_event_pending_id ON hub.audit_event (pending_id) WHERE pending_id IS NOT NULL;

-- Defence in depth, as for hub.audit_event: a pending row is never changed, and it is removed only once its
-- chained copy exists (the appender's move); anything else is refused.
CREATE FUNCTION hub.audit_pending_only_moved() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM hub.audit_event WHERE pending_id = OLD.id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'hub.audit_pending rows are only moved into the chain: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_pending_no_update_or_delete
    BEFORE UPDATE OR DELETE ON hub.audit_pending
    FOR EACH ROW EXECUTE FUNCTION hub.audit_pending_only_moved();

CREATE TRIGGER audit_pending_no_truncate
    BEFORE TRUNCATE ON hub.audit_pending
    FOR EACH STATEMENT EXECUTE FUNCTION hub.audit_pending_only_moved();
