package jp.renkei.hub.carenet.post;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.carenet.template.RecordedEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Posts, comments, read receipts and pins in the {@code hub.care_*} tables. */
@Repository
public class PostStore {

    private static final String POST_COLUMNS = "p.id, p.room_id, p.author_id, p.author_name, p.author_profession,"
            + " p.title, p.body, p.entries::text AS entries, p.shared_with_family, p.created_at";
    private static final TypeReference<List<RecordedEntry>> ENTRIES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public PostStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(Post post) {
        jdbc.sql("INSERT INTO hub.care_post (id, room_id, author_id, author_name, author_profession, title, body,"
                        + " entries, shared_with_family, created_at) VALUES (:id, :room, :author, :name, :profession,"
                        + " :title, :body, CAST(:entries AS jsonb), :shared, :at)")
                .param("id", post.id()).param("room", post.roomId()).param("author", post.authorId())
                .param("name", post.authorName()).param("profession", post.authorProfession())
                .param("title", post.title()).param("body", post.body()).param("entries", write(post.entries()))
                .param("shared", post.sharedWithFamily()).param("at", Timestamp.from(post.createdAt()))
                .update();
    }

    public Optional<Post> find(UUID roomId, UUID postId) {
        return jdbc.sql("SELECT " + POST_COLUMNS + " FROM hub.care_post p WHERE p.id = :id AND p.room_id = :room")
                .param("id", postId).param("room", roomId).query(this::post).optional();
    }

    /** Every post of the room, oldest first: the room's record (export). */
    public List<Post> everyPost(UUID roomId) {
        return jdbc.sql("SELECT " + POST_COLUMNS + " FROM hub.care_post p WHERE p.room_id = :room"
                        + " ORDER BY p.created_at, p.id")
                .param("room", roomId).query(this::post).list();
    }

    /** The room's posts the person may see, newest first, filtered as asked. */
    public List<Post> timeline(UUID roomId, String personId, boolean familyOnly, TimelineFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + POST_COLUMNS + " FROM hub.care_post p WHERE p.room_id = :room");
        if (familyOnly) {
            sql.append(" AND p.shared_with_family");
        }
        if (filter.unreadOnly()) {
            sql.append(" AND p.author_id <> :person AND NOT EXISTS (SELECT 1 FROM hub.care_read_receipt r"
                    + " WHERE r.post_id = p.id AND r.person_id = :person)");
        }
        if (filter.pin() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM hub.care_pin x WHERE x.post_id = p.id AND x.person_id = :person"
                    + " AND x.colour = :colour)");
        }
        if (filter.before() != null) {
            sql.append(" AND p.created_at < :before");
        }
        sql.append(" ORDER BY p.created_at DESC, p.id LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("room", roomId).param("limit", filter.limit());
        if (filter.before() != null) {
            statement = statement.param("before", Timestamp.from(filter.before()));
        }
        if (filter.unreadOnly() || filter.pin() != null) {
            statement = statement.param("person", personId);
        }
        if (filter.pin() != null) {
            statement = statement.param("colour", filter.pin().name());
        }
        return statement.query(this::post).list();
    }

    /**
     * The room's posts matching the query, newest first. Free words are matched as substrings (ILIKE) of the
     * stored {@code search_text}, served by its trigram index for words of three or more characters and by the
     * room index for shorter ones: see docs/care-net.md "Search" for why not a Kuromoji index.
     */
    public List<Post> search(UUID roomId, boolean familyOnly, PostQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + POST_COLUMNS + " FROM hub.care_post p WHERE p.room_id = :room");
        Map<String, Object> params = new HashMap<>();
        params.put("room", roomId);
        params.put("limit", query.limit());
        if (familyOnly) {
            sql.append(" AND p.shared_with_family");
        }
        List<String> words = query.words();
        for (int i = 0; i < words.size(); i++) {
            // search_text: title, body and the entered values only, not the JSON keys and labels around them.
            // A word of fewer than three characters has no trigram: offered the trigram index, the planner may
            // scan all of it; as lower(...) LIKE it is matched along the room (and author) index instead.
            sql.append(words.get(i).codePointCount(0, words.get(i).length()) < 3
                    ? " AND lower(p.search_text) LIKE lower(:w" + i + ") ESCAPE '!'"
                    : " AND p.search_text ILIKE :w" + i + " ESCAPE '!'");
            params.put("w" + i, "%" + words.get(i).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (query.authorId() != null) {
            sql.append(" AND p.author_id = :author");
            params.put("author", query.authorId());
        }
        if (query.profession() != null) {
            sql.append(" AND p.author_profession = :profession");
            params.put("profession", query.profession());
        }
        if (query.from() != null) {
            sql.append(" AND p.created_at >= :from");
            params.put("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND p.created_at < :to");
            params.put("to", Timestamp.from(query.to()));
        }
        sql.append(" ORDER BY p.created_at DESC, p.id LIMIT :limit");
        return jdbc.sql(sql.toString()).params(params).query(this::post).list();
    }

    /**
     * The room's newest posts (family: shared ones only), with an entry of the category unless it is
     * {@code null}; at most {@code limit}, returned oldest first.
     */
    public List<Post> newest(UUID roomId, boolean familyOnly, String category, int limit) {
        JdbcClient.StatementSpec statement = jdbc.sql("SELECT " + POST_COLUMNS + " FROM hub.care_post p"
                        + " WHERE p.room_id = :room" + (familyOnly ? " AND p.shared_with_family" : "")
                        + (category == null ? "" : " AND p.entries @> CAST(:category AS jsonb)")
                        + " ORDER BY p.created_at DESC, p.id LIMIT :limit")
                .param("room", roomId).param("limit", limit);
        if (category != null) {
            statement = statement.param("category", "[{\"category\": " + quoted(category) + "}]");
        }
        List<Post> posts = new java.util.ArrayList<>(statement.query(this::post).list());
        java.util.Collections.reverse(posts);
        return posts;
    }

    private String quoted(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records the first read only; later reads keep the first time. */
    public void markRead(UUID postId, String personId, Instant at) {
        jdbc.sql("INSERT INTO hub.care_read_receipt (post_id, person_id, read_at) VALUES (:post, :person, :at)"
                        + " ON CONFLICT DO NOTHING")
                .param("post", postId).param("person", personId).param("at", Timestamp.from(at)).update();
    }

    /** Who read each post: person ID to first read time, by post. */
    public Map<UUID, Map<String, Instant>> readers(List<UUID> postIds) {
        if (postIds.isEmpty()) {
            return Map.of();
        }
        record Row(UUID post, String person, Instant at) {
        }
        return jdbc.sql("SELECT post_id, person_id, read_at FROM hub.care_read_receipt WHERE post_id IN (:posts)")
                .param("posts", postIds)
                .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list().stream()
                .collect(Collectors.groupingBy(Row::post, Collectors.toMap(Row::person, Row::at)));
    }

    public void pin(UUID postId, String personId, PinColour colour, Instant at) {
        jdbc.sql("INSERT INTO hub.care_pin (post_id, person_id, colour, pinned_at) VALUES (:post, :person, :colour, :at)"
                        + " ON CONFLICT (post_id, person_id) DO UPDATE SET colour = EXCLUDED.colour, pinned_at = EXCLUDED.pinned_at")
                .param("post", postId).param("person", personId).param("colour", colour.name())
                .param("at", Timestamp.from(at)).update();
    }

    public void unpin(UUID postId, String personId) {
        jdbc.sql("DELETE FROM hub.care_pin WHERE post_id = :post AND person_id = :person")
                .param("post", postId).param("person", personId).update();
    }

    /** The person's pin colour on each of the posts that has one. */
    public Map<UUID, PinColour> pins(List<UUID> postIds, String personId) {
        if (postIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT post_id, colour FROM hub.care_pin WHERE post_id IN (:posts) AND person_id = :person")
                .param("posts", postIds).param("person", personId)
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), PinColour.valueOf(rs.getString(2))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public void insertComment(Comment comment) {
        jdbc.sql("INSERT INTO hub.care_comment (id, post_id, author_id, author_name, body, created_at)"
                        + " VALUES (:id, :post, :author, :name, :body, :at)")
                .param("id", comment.id()).param("post", comment.postId()).param("author", comment.authorId())
                .param("name", comment.authorName()).param("body", comment.body())
                .param("at", Timestamp.from(comment.createdAt())).update();
    }

    public List<Comment> comments(UUID postId) {
        return jdbc.sql("SELECT id, post_id, author_id, author_name, body, created_at FROM hub.care_comment"
                        + " WHERE post_id = :post ORDER BY created_at, id")
                .param("post", postId)
                .query((rs, i) -> new Comment(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    public Map<UUID, Integer> commentCounts(List<UUID> postIds) {
        if (postIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT post_id, count(*) FROM hub.care_comment WHERE post_id IN (:posts) GROUP BY post_id")
                .param("posts", postIds)
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    Post post(ResultSet rs, int row) throws SQLException {
        try {
            return new Post(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class),
                    rs.getString("author_id"), rs.getString("author_name"), rs.getString("author_profession"),
                    rs.getString("title"), rs.getString("body"), json.readValue(rs.getString("entries"), ENTRIES),
                    rs.getBoolean("shared_with_family"), rs.getTimestamp("created_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored entries of post " + rs.getString("id") + " are unreadable", e);
        }
    }

    private String write(List<RecordedEntry> entries) {
        try {
            return json.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
