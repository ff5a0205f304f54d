package jp.renkei.hub.carenet.attachment;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of file a post may carry, recognised by their content (never by name or declared type). {@link #of}
 * looks at the first bytes; Word and Excel files are ZIP packages that {@link OfficeDocuments} reads whole. HEIC
 * photos are converted to JPEG before they are stored ({@link HeifConverter}), so HEIC is never a stored kind.
 */
public enum FileKind {
    JPEG("image/jpeg"), PNG("image/png"), PDF("application/pdf"), HEIC("image/heic"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String contentType;

    FileKind(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public boolean image() {
        return this == JPEG || this == PNG;
    }

    public static Optional<FileKind> of(byte[] content) {
        if (startsWith(content, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, 0, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, 0, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return Optional.of(PDF);
        }
        // ISO base media file: size(4) 'ftyp' brand(4); HEIC/HEIF brands
        if (content.length >= 12 && startsWith(content, 4, 'f', 't', 'y', 'p')) {
            String brand = new String(Arrays.copyOfRange(content, 8, 12), StandardCharsets.US_ASCII);
            if (Arrays.asList("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1").contains(brand)) {
                return Optional.of(HEIC);
            }
        }
        return Optional.empty();
    }

    static boolean startsWith(byte[] content, int offset, int... magic) {
        if (content.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[offset + i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
