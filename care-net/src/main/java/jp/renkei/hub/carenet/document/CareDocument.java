package jp.renkei.hub.carenet.document;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One version of a document in a room. The PDF is the attachment {@code attachmentId} of the room post
 * {@code postId}; {@code seriesId} is shared by every version of the same document.
 *
 * @param values what was entered, by field code (text, yyyy-MM-dd, or a list for a check list)
 */
public record CareDocument(UUID id, UUID roomId, String kind, String title, UUID seriesId, int version, UUID postId,
                           UUID attachmentId, Map<String, Object> values, String authorId, String authorName,
                           String authorFacility, Instant createdAt) {

    public CareDocument {
        values = Map.copyOf(values);
    }

    /** "訪問看護指示書（第 2 版）". */
    public String versionedTitle() {
        return title + "（第 " + version + " 版）";
    }
}
