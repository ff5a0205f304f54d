package jp.renkei.hub.regional.questionnaire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The secrets of an answer link: the link token (256 random bits, in the URL and QR code), the short code a
 * patient can type instead (8 characters of a 32-letter alphabet, 40 bits, e.g. {@code K7QM-2XWP}) and the
 * answer session (256 bits, a cookie). Being random, a plain SHA-256 is enough to store them.
 */
final class LinkSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private LinkSecrets() {
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    /** Tokens and sessions are case-sensitive. */
    static String hashToken(String token) {
        return sha256(token == null ? "" : token);
    }

    /** Codes as people type them: any case, with or without the hyphen or spaces, full-width letters read. */
    static String hashCode(String code) {
        String text = java.text.Normalizer.normalize(code == null ? "" : code, java.text.Normalizer.Form.NFKC);
        return sha256("code:" + text.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-ー－]", ""));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
