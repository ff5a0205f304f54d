package jp.renkei.hub.core.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit chain's head at one moment, signed: "row {@code seq} has hash {@code hash}", kept outside the
 * database so that rows cut off after it are noticed. As one line of text:
 * {@code renkei-audit-anchor/1 seq=42 hash=<64 hex> at=2026-12-03T20:55:00.123Z sig=<base64 DER CMS>}; the
 * signature is a detached CMS signature over the line up to (not including) {@code " sig="}, the statement.
 *
 * @param signature DER CMS SignedData over {@link #statement()}'s UTF-8 bytes
 */
public record AuditAnchor(long seq, String hash, Instant anchoredAt, byte[] signature) {

    static final String FORMAT = "renkei-audit-anchor/1";
    private static final String SIGNATURE_PREFIX = " sig=";
    private static final Pattern LINE = Pattern.compile(Pattern.quote(FORMAT)
            + " seq=([1-9][0-9]{0,18}) hash=([0-9a-f]{64}) at=(\\S+)" + Pattern.quote(SIGNATURE_PREFIX) + "([A-Za-z0-9+/=]+)");

    public AuditAnchor {
        if (seq < 1 || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not an audit chain link: seq " + seq + ", hash " + hash);
        }
        signature = signature.clone();
    }

    /** What is signed: the line without its signature. */
    public String statement() {
        return statement(seq, hash, anchoredAt);
    }

    static String statement(long seq, String hash, Instant anchoredAt) {
        return FORMAT + " seq=" + seq + " hash=" + hash + " at=" + anchoredAt;
    }

    byte[] statementBytes() {
        return statement().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The anchor as one line (without line break), as written to the anchor files and the log. */
    public String line() {
        return statement() + SIGNATURE_PREFIX + Base64.getEncoder().encodeToString(signature);
    }

    /** Reads a line written by {@link #line()}; the signature is not checked here. */
    static AuditAnchor parse(String line) {
        Matcher matcher = LINE.matcher(line.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an audit anchor line");
        }
        try {
            AuditAnchor anchor = new AuditAnchor(Long.parseLong(matcher.group(1)), matcher.group(2),
                    Instant.parse(matcher.group(3)), Base64.getDecoder().decode(matcher.group(4)));
            // The statement is signed as written; a time spelled differently would be a different statement.
            if (!anchor.statement().equals(line.strip().substring(0, line.strip().indexOf(SIGNATURE_PREFIX)))) {
                throw new IllegalArgumentException("time not in the hub's notation");
            }
            return anchor;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("unreadable audit anchor line: " + e.getMessage(), e);
        }
    }
}
