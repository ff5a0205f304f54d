package jp.renkei.hub.app.portal.operator;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.SourceRef;
import jp.renkei.hub.gateway.jahis.JahisImport;

/**
 * A quarantined input shown to the operator: its bytes as text in the character set the source declares
 * (HL7 v2 and SS-MIX2: ISO-2022-JP per MSH-18 {@code ISO IR87}, the SS-MIX2 default; JAHIS files: UTF-8 or
 * Shift_JIS), segments one per line; bytes that are not valid in that set are shown as a hex dump instead, and
 * the reason, where it is one of the gateway's known ones, in Japanese.
 */
final class QuarantineText {

    /** The input as text ({@code decoded}), or as hex lines when it cannot be decoded as declared. */
    record Raw(String charset, boolean decoded, String text) {
    }

    /** A known reason: message key and arguments. */
    record Reason(String key, List<Object> args) {
    }

    private static final Charset CP932 = Charset.forName("windows-31j");
    private static final int HEX_MAX = 4096;

    private static final List<Pattern> KNOWN = List.of(
            Pattern.compile("^not ISO-2022-JP: 8-bit byte 0x(\\p{XDigit}{2}) at offset (\\d+)"),
            Pattern.compile("^not complete ISO-2022-JP"),
            Pattern.compile("^the message is empty"),
            Pattern.compile("^the message does not start with an MSH segment"),
            Pattern.compile("^bad date/time '([^']*)'"),
            Pattern.compile("^the patient ID is missing"),
            Pattern.compile("^message type (\\S+) is not accepted"),
            Pattern.compile("^the message has no (\\S+) segment"),
            Pattern.compile("^the patient has no name"),
            Pattern.compile("^a second MSH segment"),
            Pattern.compile("^'(.*)' is not a number"));
    private static final List<String> KEYS = List.of("eightBit", "truncatedJis", "empty", "noMsh", "badDate",
            "noPatientId", "messageType", "noSegment", "noName", "secondMsh", "notNumber");

    private QuarantineText() {
    }

    static Raw raw(String sourceKind, byte[] bytes) {
        if (JahisImport.SOURCE_KIND.equals(sourceKind)) {
            return strict(bytes, StandardCharsets.UTF_8).map(t -> new Raw("UTF-8", true, lines(t)))
                    .or(() -> strict(bytes, CP932).map(t -> new Raw("Shift_JIS (CP932)", true, lines(t))))
                    .orElseGet(() -> hex("Shift_JIS (CP932)", bytes));
        }
        // HL7 v2 (pushed message or SS-MIX2 file): ISO-2022-JP as MSH-18 ~ISO IR87 declares and SS-MIX2 requires;
        // a message declaring no Japanese set is plain ASCII, which ISO-2022-JP decodes the same.
        String declared = declaredCharset(bytes);
        try {
            return new Raw(declared, true, lines(Iso2022Jp.decode(bytes)));
        } catch (IngestFailure e) {
            return hex(declared, bytes);
        }
    }

    /** MSH-18 as written (read without decoding), or ISO-2022-JP, SS-MIX2's rule, when it says nothing. */
    private static String declaredCharset(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.US_ASCII);
        if (head.startsWith("MSH")) {
            String[] fields = head.split("[\r\n]", 2)[0].split("\\|", -1);
            if (fields.length > 17 && !fields[17].isBlank()) {
                return "ISO-2022-JP (MSH-18 " + fields[17].replace("~", " ").strip() + ")";
            }
        }
        return "ISO-2022-JP";
    }

    private static Optional<String> strict(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Segments (CR) one per line; other control characters (the SS-MIX2 file separator 1C, say) as {@code <1C>}. */
    private static String lines(String text) {
        StringBuilder out = new StringBuilder(text.length());
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            if (c == '\n' || c == '\t' || c >= 0x20 && c != 0x7F) {
                out.append(c);
            } else {
                out.append(String.format("<%02X>", (int) c));
            }
        }
        return out.toString();
    }

    private static Raw hex(String charset, byte[] bytes) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.of().withUpperCase();
        int shown = Math.min(bytes.length, HEX_MAX);
        for (int offset = 0; offset < shown; offset += 16) {
            int end = Math.min(offset + 16, shown);
            out.append(String.format("%08X  ", offset));
            StringBuilder ascii = new StringBuilder();
            for (int i = offset; i < end; i++) {
                out.append(hex.toHexDigits(bytes[i])).append(' ');
                ascii.append(bytes[i] >= 0x20 && bytes[i] < 0x7F ? (char) bytes[i] : '.');
            }
            out.append("   ".repeat(16 - (end - offset))).append(' ').append(ascii).append('\n');
        }
        if (bytes.length > shown) {
            out.append("…\n");
        }
        return new Raw(charset, false, out.toString());
    }

    /** The reason in Japanese when it is one the gateway words the same way every time; empty otherwise. */
    static Optional<Reason> reason(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        for (int i = 0; i < KNOWN.size(); i++) {
            Matcher matcher = KNOWN.get(i).matcher(reason);
            if (matcher.find()) {
                Object[] args = new Object[matcher.groupCount()];
                for (int g = 0; g < args.length; g++) {
                    args[g] = matcher.group(g + 1);
                }
                return Optional.of(new Reason("operator.quarantine.reason." + KEYS.get(i), List.of(args)));
            }
        }
        return Optional.empty();
    }
}
