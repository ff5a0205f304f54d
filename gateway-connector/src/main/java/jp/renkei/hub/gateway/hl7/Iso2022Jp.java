package jp.renkei.hub.gateway.hl7;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestFailure;

/**
 * Strict ISO-2022-JP decoding (MSH-18 {@code ~ISO IR87}, MSH-20 {@code ISO 2022-1994}) with Java's
 * {@code ISO-2022-JP} charset, which maps JIS X 0208 as SS-MIX2 expects. Anything else is refused with the byte
 * offset: 8-bit bytes (Shift_JIS, UTF-8 or binary files) and text that ends inside a kanji run (a truncated file).
 */
public final class Iso2022Jp {

    private static final Charset CHARSET = Charset.forName("ISO-2022-JP");
    private static final byte ESC = 0x1B;

    private Iso2022Jp() {
    }

    public static String decode(byte[] raw) throws IngestFailure {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] < 0) {
                throw new IngestFailure(String.format("not ISO-2022-JP: 8-bit byte 0x%02X at offset %d (ISO-2022-JP is"
                        + " 7-bit; Shift_JIS, UTF-8 or binary content?)", raw[i] & 0xFF, i), ErrorLocation.WHOLE);
            }
        }
        if (endsInKanjiMode(raw)) {
            throw new IngestFailure("not complete ISO-2022-JP: the text ends inside a JIS X 0208 run without returning"
                    + " to ASCII (truncated?)", ErrorLocation.WHOLE);
        }
        CharsetDecoder decoder = CHARSET.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        CharBuffer out = CharBuffer.allocate(raw.length + 16);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new IngestFailure("not ISO-2022-JP: " + (result.isMalformed() ? "malformed" : "unmappable")
                    + " sequence at offset " + in.position(), ErrorLocation.WHOLE);
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new IngestFailure("not ISO-2022-JP: incomplete sequence at the end", ErrorLocation.WHOLE);
        }
        out.flip();
        return out.toString();
    }

    /** Encodes text for tests and generators (JIS X 0208 characters only). */
    public static byte[] encode(String text) {
        try {
            ByteBuffer buffer = CHARSET.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text has characters outside ISO-2022-JP", e);
        }
    }

    /** Whether the last escape sequence switched to a two-byte set (ESC $ @, ESC $ B) and none switched back. */
    private static boolean endsInKanjiMode(byte[] raw) {
        for (int i = raw.length - 3; i >= 0; i--) {
            if (raw[i] == ESC) {
                return raw[i + 1] == '$';
            }
        }
        return false;
    }
}
