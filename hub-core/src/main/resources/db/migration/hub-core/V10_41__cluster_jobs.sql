-- Scheduled work that runs once per cluster (several hub nodes on one database, docs/operations.md "Scaling out"):
-- one row per job, written by the node that ran it last under the job's advisory lock. A node whose turn comes
-- within the job's interval of the last start (by the database's clock, so node clocks do not matter) skips.
CREATE TABLE hub.cluster_job (
    name             text        PRIMARY KEY,
    runs             bigint      NOT NULL,
    last_node        text        NOT NULL,
    last_started_at  timestamptz NOT NULL,
    last_finished_at timestamptz,
    last_failed      boolean     NOT NULL DEFAULT false
);
