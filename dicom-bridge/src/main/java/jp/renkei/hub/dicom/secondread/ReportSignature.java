package jp.renkei.hub.dicom.secondread;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hub's seal on a second-read report: HMAC-SHA256, under a key only the hub holds, of the report's content
 * and of who signed it when. It proves, to the hub and to anyone who asks the hub to verify, that this content is
 * exactly what the named person submitted while logged in (password and TOTP) as a radiologist of the reading
 * facility, at that time, and that it has not changed since. It is not the person's own electronic signature
 * (no HPKI card is involved) and cannot be checked without the hub.
 */
public final class ReportSignature {

    /** What is signed: every field that gives the report its meaning, and the signer. */
    public record Content(String secondReadId, String studyUid, String readingFacilityId, String signerId,
                          Instant signedAt, String conclusion, String findings) {

        /** Each field length-prefixed, so no two different contents share an encoding. */
        byte[] canonical() {
            List<String> fields = List.of("renkei-hub second-read report v1", secondReadId, studyUid,
                    readingFacilityId, signerId, signedAt.toString(), conclusion, findings);
            int size = fields.stream().mapToInt(f -> 4 + f.getBytes(StandardCharsets.UTF_8).length).sum();
            ByteBuffer buffer = ByteBuffer.allocate(size);
            for (String field : fields) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                buffer.putInt(bytes.length).put(bytes);
            }
            return buffer.array();
        }
    }

    public static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    ReportSignature(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The key in {@code file}, created (32 random bytes, owner-only) on first use. */
    static ReportSignature fromKeyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, Base64.getEncoder().encodeToString(key));
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
            if (key.length < 32) {
                throw new IllegalStateException("the report signing key " + file + " is shorter than 32 bytes");
            }
            return new ReportSignature(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the report signing key " + file, e);
        }
    }

    public String sign(Content content) {
        return Base64.getEncoder().encodeToString(mac(content));
    }

    public boolean verify(Content content, String signature) {
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, mac(content));
    }

    private byte[] mac(Content content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(content.canonical());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
