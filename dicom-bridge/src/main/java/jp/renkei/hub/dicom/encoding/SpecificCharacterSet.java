package jp.renkei.hub.dicom.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Specific Character Set (0008,0005) and how text is decoded and encoded under it (PS3.5 6.1, PS3.3
 * C.12.1.1.2). Single-byte sets and UTF-8 map to a Java charset. The ISO 2022 code extensions used in Japan are
 * decoded by following their escape sequences: ISO 2022 IR 6 (ASCII), IR 14 (JIS X 0201 romaji) and IR 87
 * (JIS X 0208 kanji) in G0, IR 13 (JIS X 0201 katakana) in G1, IR 159 (JIS X 0212). After every delimiter
 * ({@code ^ = \} and control characters) the initial sets are in force again, as PS3.5 6.1.2.5.3 requires.
 * Encoding under ISO 2022 IR 87 writes kanji as {@code ESC $ B ... ESC ( B}; text VRs only, never UIDs.
 */
public final class SpecificCharacterSet {

    /** No (0008,0005): the default repertoire, ISO-IR 6. Decoded leniently as Latin-1 so no byte is lost. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of(), StandardCharsets.ISO_8859_1, false, false);

    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final Charset ISO_2022_JP_2 = Charset.forName("ISO-2022-JP-2");
    private static final byte ESC = 0x1B;

    /** Defined terms without code extensions (PS3.3 C.12.1.1.2 table C.12-2). */
    private static final Map<String, String> SINGLE = Map.ofEntries(
            Map.entry("ISO_IR 100", "ISO-8859-1"), Map.entry("ISO_IR 101", "ISO-8859-2"),
            Map.entry("ISO_IR 109", "ISO-8859-3"), Map.entry("ISO_IR 110", "ISO-8859-4"),
            Map.entry("ISO_IR 144", "ISO-8859-5"), Map.entry("ISO_IR 127", "ISO-8859-6"),
            Map.entry("ISO_IR 126", "ISO-8859-7"), Map.entry("ISO_IR 138", "ISO-8859-8"),
            Map.entry("ISO_IR 148", "ISO-8859-9"), Map.entry("ISO_IR 166", "TIS-620"),
            Map.entry("ISO_IR 192", "UTF-8"), Map.entry("GB18030", "GB18030"), Map.entry("GBK", "GBK"));

    private final List<String> terms;
    private final Charset charset;
    private final boolean iso2022;
    private final boolean katakanaInG1;

    private SpecificCharacterSet(List<String> terms, Charset charset, boolean iso2022, boolean katakanaInG1) {
        this.terms = terms;
        this.charset = charset;
        this.iso2022 = iso2022;
        this.katakanaInG1 = katakanaInG1;
    }

    /** The character set named by the values of (0008,0005); unknown terms fall back to the default. */
    public static SpecificCharacterSet of(List<String> values) {
        List<String> terms = values.stream().map(String::strip).toList();
        if (terms.isEmpty() || terms.stream().allMatch(String::isEmpty)) {
            return DEFAULT;
        }
        String first = terms.get(0);
        boolean extensions = terms.size() > 1 || first.startsWith("ISO 2022");
        if (!extensions) {
            if (first.equals("ISO_IR 13")) {
                return new SpecificCharacterSet(terms, StandardCharsets.US_ASCII, true, true);
            }
            String java = SINGLE.get(first);
            return java == null ? DEFAULT : new SpecificCharacterSet(terms, Charset.forName(java), false, false);
        }
        boolean katakana = first.equals("ISO 2022 IR 13") || first.equals("ISO_IR 13");
        return new SpecificCharacterSet(terms, StandardCharsets.US_ASCII, true, katakana);
    }

    public static SpecificCharacterSet of(String... values) {
        return of(List.of(values));
    }

    /** The defined terms, as (0008,0005) holds them. */
    public List<String> terms() {
        return terms;
    }

    /** Whether any term uses JIS X 0208 (so names may be written in kanji). */
    private boolean kanji() {
        return terms.stream().anyMatch(t -> t.equals("ISO 2022 IR 87"));
    }

    /** The values of a text element, split on the backslash except in the VRs that may contain one. */
    public List<String> decodeValues(byte[] bytes, Vr vr) {
        String text = decode(bytes, vr);
        List<String> values = new ArrayList<>();
        if (vr == Vr.LT || vr == Vr.ST || vr == Vr.UT || vr == Vr.UR) {
            values.add(stripPadding(text, false));
            return values;
        }
        for (String value : text.split("\\\\", -1)) {
            values.add(stripPadding(value, vr != Vr.UI));
        }
        return values;
    }

    /** The bytes of a text value decoded; padding is kept. */
    public String decode(byte[] bytes, Vr vr) {
        if (!vr.usesCharset()) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return iso2022 ? decodeIso2022(bytes, vr) : new String(bytes, charset);
    }

    /** A text value encoded, padded to even length with the VR's padding byte. */
    public byte[] encode(String text, Vr vr) {
        byte[] encoded;
        if (!vr.usesCharset()) {
            encoded = text.getBytes(StandardCharsets.ISO_8859_1);
        } else if (iso2022) {
            encoded = text.getBytes(kanji() ? ISO_2022_JP : StandardCharsets.US_ASCII);
        } else {
            encoded = text.getBytes(charset);
        }
        if (encoded.length % 2 == 0) {
            return encoded;
        }
        byte[] padded = java.util.Arrays.copyOf(encoded, encoded.length + 1);
        padded[encoded.length] = vr.paddingByte();
        return padded;
    }

    private enum G0 { ASCII, ROMAN, JIS_X_0208, JIS_X_0212 }

    private String decodeIso2022(byte[] bytes, Vr vr) {
        StringBuilder out = new StringBuilder(bytes.length);
        G0 g0 = G0.ASCII;
        boolean g1Katakana = katakanaInG1;
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            if (b == ESC) {
                int length = escapeLength(bytes, i);
                String sequence = new String(bytes, i + 1, Math.max(0, length - 1), StandardCharsets.US_ASCII);
                switch (sequence) {
                    case "(B" -> g0 = G0.ASCII;
                    case "(J" -> g0 = G0.ROMAN;
                    case "$B", "$@" -> g0 = G0.JIS_X_0208;
                    case "$(D" -> g0 = G0.JIS_X_0212;
                    case ")I" -> g1Katakana = true;
                    default -> out.append('\uFFFD');
                }
                i += Math.max(1, length);
                continue;
            }
            if ((g0 == G0.JIS_X_0208 || g0 == G0.JIS_X_0212) && b >= 0x21 && b <= 0x7E) {
                int start = i;
                while (i + 1 < bytes.length && (bytes[i] & 0xFF) >= 0x21 && (bytes[i] & 0xFF) <= 0x7E) {
                    i += 2;
                }
                out.append(decodeDoubleByte(g0, bytes, start, i - start));
                if (i == start) {
                    out.append('\uFFFD');
                    i++;
                }
                continue;
            }
            if (b >= 0xA1 && b <= 0xDF && g1Katakana) {
                out.append((char) (0xFF61 + b - 0xA1));
            } else if (b < 0x80) {
                // JIS X 0201 romaji differs from ASCII only in ¥ and ‾, which DICOM keeps as \ and ~.
                char c = (char) b;
                out.append(c);
                if (isDelimiter(c, vr)) {
                    g0 = G0.ASCII;
                    g1Katakana = katakanaInG1;
                }
            } else {
                out.append('\uFFFD');
            }
            i++;
        }
        return out.toString();
    }

    private static String decodeDoubleByte(G0 set, byte[] bytes, int offset, int length) {
        ByteArrayOutputStream run = new ByteArrayOutputStream(length + 8);
        byte[] designation = set == G0.JIS_X_0208 ? new byte[] {ESC, '$', 'B'} : new byte[] {ESC, '$', '(', 'D'};
        run.writeBytes(designation);
        run.write(bytes, offset, length);
        run.writeBytes(new byte[] {ESC, '(', 'B'});
        return new String(run.toByteArray(), set == G0.JIS_X_0208 ? ISO_2022_JP : ISO_2022_JP_2);
    }

    /** ESC, intermediate bytes 0x20-0x2F, one final byte 0x30-0x7E. */
    private static int escapeLength(byte[] bytes, int start) {
        int i = start + 1;
        while (i < bytes.length && (bytes[i] & 0xFF) >= 0x20 && (bytes[i] & 0xFF) <= 0x2F) {
            i++;
        }
        return i < bytes.length ? i - start + 1 : i - start;
    }

    private static boolean isDelimiter(char c, Vr vr) {
        return c < 0x20 || c == '\\' || (vr == Vr.PN && (c == '^' || c == '='));
    }

    private static String stripPadding(String value, boolean trimLeading) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        while (trimLeading && start < end && value.charAt(start) == ' ') {
            start++;
        }
        return value.substring(start, end);
    }

    @Override
    public String toString() {
        return terms.isEmpty() ? "default (ISO_IR 6)" : String.join("\\", terms);
    }
}
