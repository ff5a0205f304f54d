package jp.renkei.hub.carenet.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Document versions in {@code hub.care_document}. */
@Repository
public class DocumentStore {

    private static final String COLUMNS = "d.id, d.room_id, d.kind, t.definition->>'title' AS title, d.series_id,"
            + " d.version, d.post_id, d.attachment_id, d.field_values::text AS field_values, d.author_id, d.author_name,"
            + " d.author_facility, d.created_at FROM hub.care_document d"
            + " JOIN hub.care_document_template t ON t.kind = d.kind";
    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public DocumentStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(CareDocument document) {
        jdbc.sql("INSERT INTO hub.care_document (id, room_id, kind, series_id, version, post_id, attachment_id,"
                        + " field_values, author_id, author_name, author_facility, created_at) VALUES (:id, :room, :kind,"
                        + " :series, :version, :post, :attachment, CAST(:values AS jsonb), :author, :name, :facility, :at)")
                .param("id", document.id()).param("room", document.roomId()).param("kind", document.kind())
                .param("series", document.seriesId()).param("version", document.version())
                .param("post", document.postId()).param("attachment", document.attachmentId())
                .param("values", write(document.values())).param("author", document.authorId())
                .param("name", document.authorName()).param("facility", document.authorFacility())
                .param("at", Timestamp.from(document.createdAt()))
                .update();
    }

    public Optional<CareDocument> find(UUID roomId, UUID documentId) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE d.id = :id AND d.room_id = :room")
                .param("id", documentId).param("room", roomId).query(this::document).optional();
    }

    /** The room's documents, newest first. */
    public List<CareDocument> ofRoom(UUID roomId) {
        return jdbc.sql("SELECT " + COLUMNS + " WHERE d.room_id = :room ORDER BY d.created_at DESC, d.version DESC")
                .param("room", roomId).query(this::document).list();
    }

    /** The highest version of the series so far. */
    public int latestVersion(UUID seriesId) {
        return jdbc.sql("SELECT coalesce(max(version), 0) FROM hub.care_document WHERE series_id = :series")
                .param("series", seriesId).query(Integer.class).single();
    }

    private CareDocument document(ResultSet rs, int row) throws SQLException {
        try {
            return new CareDocument(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class),
                    rs.getString("kind"), rs.getString("title"), rs.getObject("series_id", UUID.class),
                    rs.getInt("version"), rs.getObject("post_id", UUID.class), rs.getObject("attachment_id", UUID.class),
                    json.readValue(rs.getString("field_values"), VALUES), rs.getString("author_id"),
                    rs.getString("author_name"), rs.getString("author_facility"),
                    rs.getTimestamp("created_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored values of document " + rs.getString("id") + " are unreadable", e);
        }
    }

    private String write(Map<String, Object> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
