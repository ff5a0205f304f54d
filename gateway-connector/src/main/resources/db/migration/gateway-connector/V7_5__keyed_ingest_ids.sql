-- Keyed IDs for ingested data (IngestIds, IngestIdMigration). Rows written before this migration list resources
-- under the old unkeyed IDs (keyed_ids false); the migration renames them and sets it. New rows are keyed.
ALTER TABLE hub.gateway_record ADD COLUMN keyed_ids boolean NOT NULL DEFAULT false;

-- Written once the renaming is complete; key_check names the identifier key the stored IDs were made with, so a
-- start with another key is refused instead of giving every item a new ID.
CREATE TABLE hub.gateway_id_migration (
    id               smallint    PRIMARY KEY CHECK (id = 1),
    key_check        varchar(64) NOT NULL,
    patients_renamed integer     NOT NULL,
    records_renamed  integer     NOT NULL,
    completed_at     timestamptz NOT NULL
);
