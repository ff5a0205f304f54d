package jp.renkei.hub.carenet.attachment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored files of posts in {@code hub.care_attachment}. */
@Repository
public class AttachmentStore {

    private final JdbcClient jdbc;

    public AttachmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Attachment insert(UUID postId, SanitisedFile file, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO hub.care_attachment (id, post_id, file_name, content_type, content, thumbnail, created_at)"
                        + " VALUES (:id, :post, :name, :type, :content, :thumbnail, :at)")
                .param("id", id).param("post", postId).param("name", file.fileName())
                .param("type", file.kind().contentType()).param("content", file.content())
                .param("thumbnail", file.thumbnail()).param("at", Timestamp.from(at)).update();
        return new Attachment(id, postId, file.fileName(), file.kind().contentType(), file.content().length,
                file.thumbnail() != null);
    }

    public Map<UUID, List<Attachment>> ofPosts(List<UUID> postIds) {
        if (postIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT id, post_id, file_name, content_type, octet_length(content), thumbnail IS NOT NULL"
                        + " FROM hub.care_attachment WHERE post_id IN (:posts) ORDER BY created_at, id")
                .param("posts", postIds)
                .query((rs, i) -> new Attachment(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getInt(5), rs.getBoolean(6)))
                .list().stream().collect(Collectors.groupingBy(Attachment::postId));
    }

    /** The stored bytes (or the thumbnail's), with their content type. */
    public Optional<StoredBytes> content(UUID postId, UUID attachmentId, boolean thumbnail) {
        return jdbc.sql("SELECT file_name, content_type, " + (thumbnail ? "thumbnail" : "content")
                        + " FROM hub.care_attachment WHERE id = :id AND post_id = :post")
                .param("id", attachmentId).param("post", postId)
                .query((rs, i) -> new StoredBytes(rs.getString(1), thumbnail ? "image/jpeg" : rs.getString(2),
                        rs.getBytes(3)))
                .optional().filter(b -> b.content() != null);
    }

    /** A file's bytes as served. */
    public record StoredBytes(String fileName, String contentType, byte[] content) {
    }
}
