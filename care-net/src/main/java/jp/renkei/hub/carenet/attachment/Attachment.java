package jp.renkei.hub.carenet.attachment;

import java.util.UUID;

/** What is listed of a stored file (its bytes are read only by the download). */
public record Attachment(UUID id, UUID postId, String fileName, String contentType, int sizeBytes,
                         boolean hasThumbnail) {
}
