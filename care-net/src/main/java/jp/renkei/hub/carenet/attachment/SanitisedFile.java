package jp.renkei.hub.carenet.attachment;

/**
 * An upload as it is stored: its kind checked by content, photos stripped of metadata, with a thumbnail.
 *
 * @param thumbnail a JPEG thumbnail for photos, {@code null} for PDF
 */
public record SanitisedFile(String fileName, FileKind kind, byte[] content, byte[] thumbnail) {
}
