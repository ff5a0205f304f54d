-- Search by author (and date) inside a room: without this the planner reads the room's posts of the period by
-- care_post_by_room and filters author and words row by row (300–500 ms for 100,000 posts, docs/benchmarks.md
-- "Care-net"); with it, it reads only that author's posts, newest first.
CREATE INDEX care_post_by_room_author ON hub.care_post (room_id, author_id, created_at DESC);
