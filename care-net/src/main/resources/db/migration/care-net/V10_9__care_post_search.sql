-- Search (PostStore.search) over 100,000 posts: the text searched — title, body and the entered values, not the
-- JSON around them — is kept in a stored column instead of being built for every row at every search, and a
-- trigram index finds words of three or more characters (誤嚥性肺炎, 物忘れ) without reading the room's posts.
-- Two-character words (発赤, 浮腫) have no trigram: they are matched on the stored column along the room index.
-- Measured in docs/benchmarks.md "Care-net". pg_trgm is a trusted extension (PostgreSQL 13+): the database owner
-- may create it without being a superuser. V10_9, not V10_4: other care-net work adds migrations after V10_3.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA hub;

ALTER TABLE hub.care_post ADD COLUMN search_text text GENERATED ALWAYS AS (
    title || ' ' || body || ' ' || jsonb_path_query_array(entries, '$[*].values[*].value')::text) STORED;

CREATE INDEX care_post_search ON hub.care_post USING gin (search_text hub.gin_trgm_ops);
