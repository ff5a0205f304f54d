package jp.renkei.hub.carenet.fhir;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.renkei.hub.carenet.post.Comment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The look-ups a FHIR read by resource ID needs and the room-wide lists of the FHIR searches: which room (and
 * post or conversation) a comment, message or file belongs to. What may be seen is decided by
 * {@link CareNetFhirView}, never here.
 */
@Repository
class CareNetFhirStore {

    private final JdbcClient jdbc;

    CareNetFhirStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a post, comment, message or file is: its room and its post or conversation. */
    record Location(UUID roomId, UUID parentId) {
    }

    Optional<Location> post(UUID postId) {
        return jdbc.sql("SELECT room_id, id FROM hub.care_post WHERE id = :id").param("id", postId)
                .query((rs, i) -> new Location(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).optional();
    }

    Optional<Location> comment(UUID commentId) {
        return jdbc.sql("SELECT p.room_id, p.id FROM hub.care_comment c JOIN hub.care_post p ON p.id = c.post_id"
                        + " WHERE c.id = :id").param("id", commentId)
                .query((rs, i) -> new Location(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).optional();
    }

    Optional<Location> message(UUID messageId) {
        return jdbc.sql("SELECT c.room_id, c.id FROM hub.care_message m JOIN hub.care_conversation c"
                        + " ON c.id = m.conversation_id WHERE m.id = :id").param("id", messageId)
                .query((rs, i) -> new Location(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).optional();
    }

    Optional<Location> attachment(UUID attachmentId) {
        return jdbc.sql("SELECT p.room_id, p.id FROM hub.care_attachment a JOIN hub.care_post p ON p.id = a.post_id"
                        + " WHERE a.id = :id").param("id", attachmentId)
                .query((rs, i) -> new Location(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).optional();
    }

    /** The comments on the given posts, oldest first. */
    List<Comment> commentsOn(List<UUID> postIds) {
        if (postIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, post_id, author_id, author_name, body, created_at FROM hub.care_comment"
                        + " WHERE post_id IN (:posts) ORDER BY created_at, id")
                .param("posts", postIds)
                .query((rs, i) -> new Comment(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
    }
}
