-- Audit anchoring (issue 19): the chain's head is signed every few minutes and written to files outside the
-- database; those files are the anchors verification uses. This table only records when the last anchor was
-- made, so that the nodes sharing this database make one anchor per interval between them.
CREATE TABLE hub.audit_anchor (
    id          bigserial   PRIMARY KEY,
    seq         bigint      NOT NULL CHECK (seq > 0),
    hash        char(64)    NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    anchored_at timestamptz NOT NULL
);
