package jp.renkei.hub.core.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash of an audit row: SHA-256, as lowercase hex, over the previous row's hash followed by every stored
 * field in a fixed order. Each text is length-prefixed and null is distinct from empty, so no two different
 * rows encode alike (moving characters from one field to the next changes the hash). The one definition
 * used by both the appender and the verifier.
 */
final class AuditHash {

    /** The "previous hash" of the first row. */
    static final String GENESIS = "0".repeat(64);

    private static final byte NULL = 0;
    private static final byte PRESENT = 1;

    private AuditHash() {
    }

    static String of(AuditRow row) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, row.prevHash());
            out.writeLong(row.seq());
            out.writeLong(epochMicros(row.recordedAt()));
            text(out, row.actorKind());
            text(out, row.actorId());
            text(out, row.facilityId());
            text(out, row.roles());
            text(out, row.patientRef());
            text(out, row.action());
            text(out, row.resource());
            text(out, row.outcome());
            out.writeInt(row.status());
            text(out, row.purpose());
            text(out, row.sourceIp());
            text(out, row.detail());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(sha256().digest(bytes.toByteArray()));
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeByte(PRESENT);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static long epochMicros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
