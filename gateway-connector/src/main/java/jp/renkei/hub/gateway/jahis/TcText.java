package jp.renkei.hub.gateway.jahis;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text of a TC file and how it was encoded. JAHIS prescribes Shift_JIS with CRLF; pharmacy systems and
 * apps also write UTF-8 (with or without a byte-order mark) and LF. A BOM means UTF-8; otherwise UTF-8 is taken
 * when the bytes are valid UTF-8 (Shift_JIS Japanese practically never is), and CP932 (Windows-31J, the
 * Shift_JIS that Japanese Windows writes, with NEC and IBM extensions) when they are valid CP932. Bytes that
 * are neither are refused, naming the first offending line.
 */
public record TcText(String text, Charset charset, boolean byteOrderMark, LineEnding lineEnding) {

    public static final Charset CP932 = Charset.forName("windows-31j");

    public enum LineEnding { CRLF, LF, CR, MIXED, NONE }

    /** One line and its 1-based number. */
    public record Line(int number, String text) {
    }

    public static TcText decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw JahisFormatException.ofFile("empty input (0 bytes); a TC file starts with the header JAHISTCnn");
        }
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        String text;
        Charset charset;
        if (bom) {
            charset = StandardCharsets.UTF_8;
            text = strictDecode(bytes, 3, charset)
                    .orElseThrow(() -> invalid(bytes, 3, StandardCharsets.UTF_8,
                            "not valid UTF-8 although the file starts with a UTF-8 byte-order mark"));
        } else {
            String utf8 = strictDecode(bytes, 0, StandardCharsets.UTF_8).orElse(null);
            if (utf8 != null) {
                charset = StandardCharsets.UTF_8;
                text = utf8;
            } else {
                charset = CP932;
                text = strictDecode(bytes, 0, CP932)
                        .orElseThrow(() -> invalid(bytes, 0, CP932, "neither valid UTF-8 nor valid Shift_JIS (CP932)"));
            }
        }
        if (text.isBlank()) {
            throw JahisFormatException.ofFile("no text (only blanks and line breaks); a TC file starts with the header JAHISTCnn");
        }
        return new TcText(text, charset, bom, lineEnding(text));
    }

    /** The lines, numbered from 1, without their line breaks; a final line break does not make an empty line. */
    public List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        String[] parts = text.split("\r\n|\n|\r", -1);
        int count = parts.length;
        if (count > 0 && parts[count - 1].isEmpty()) {
            count--;
        }
        for (int i = 0; i < count; i++) {
            lines.add(new Line(i + 1, parts[i]));
        }
        return lines;
    }

    private static Optional<String> strictDecode(byte[] bytes, int offset, Charset charset) {
        try {
            return Optional.of(decoder(charset).decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static CharsetDecoder decoder(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Finds where decoding fails, to name the line and byte. */
    private static JahisFormatException invalid(byte[] bytes, int offset, Charset charset, String problem) {
        CharsetDecoder decoder = decoder(charset);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        int position = in.position();
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        String reason = "the text is " + problem + ": invalid byte 0x"
                + String.format("%02X", bytes[Math.min(position, bytes.length - 1)] & 0xFF) + " at offset " + position
                + (result.isError() ? "" : " (incomplete character at the end)");
        return new JahisFormatException(line, null, 0, null, reason);
    }

    private static LineEnding lineEnding(String text) {
        boolean crlf = text.contains("\r\n");
        String rest = text.replace("\r\n", "");
        boolean lf = rest.indexOf('\n') >= 0;
        boolean cr = rest.indexOf('\r') >= 0;
        int kinds = (crlf ? 1 : 0) + (lf ? 1 : 0) + (cr ? 1 : 0);
        if (kinds > 1) {
            return LineEnding.MIXED;
        }
        return crlf ? LineEnding.CRLF : lf ? LineEnding.LF : cr ? LineEnding.CR : LineEnding.NONE;
    }
}
