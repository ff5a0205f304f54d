-- Statistics for search_text (V10_9), whose column rewrite autovacuum does not count: without them the planner
-- guesses that a two-character word (発赤) matches a few dozen posts, reads the whole table and sorts it
-- (1.7 s over 100,000 posts) instead of walking the room index newest first and stopping at a page (15 ms).
ANALYZE hub.care_post;
