package jp.renkei.hub.consent;

import java.util.Base64;

import jp.renkei.hub.core.web.ApiException;

/**
 * A scanned signed consent form. The content type is taken from the file's first bytes, never from what the
 * client claims, so only real PDF, JPEG and PNG files are kept.
 */
public record ScannedForm(String contentType, byte[] content) {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final String FIELD = "scannedForm";

    /** Decodes and checks the base64 text of a request field. */
    public static ScannedForm fromBase64(String base64) {
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(FIELD, "is not valid base64");
        }
        return of(content);
    }

    /** Checks an uploaded file's bytes (size, and type by its first bytes) as the API checks its base64 field. */
    public static ScannedForm of(byte[] content) {
        if (content.length == 0) {
            throw ApiException.invalid(FIELD, "is empty");
        }
        if (content.length > MAX_BYTES) {
            throw ApiException.invalid(FIELD, "is " + content.length + " bytes; at most " + MAX_BYTES
                    + " bytes (5 MB) are accepted");
        }
        return new ScannedForm(typeOf(content), content);
    }

    private static String typeOf(byte[] content) {
        if (startsWith(content, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return "application/pdf";
        }
        if (startsWith(content, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(content, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        throw ApiException.invalid(FIELD, "must be a PDF, JPEG or PNG file; its content is none of these");
    }

    private static boolean startsWith(byte[] content, int... magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    public int size() {
        return content.length;
    }
}
