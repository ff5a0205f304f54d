package jp.renkei.hub.dicom.encoding;

import java.util.Optional;

/**
 * Value representations (PS3.5 6.2): how a value is encoded, how long its length field is in explicit VR,
 * and which byte pads it to even length.
 */
public enum Vr {
    AE(Kind.TEXT), AS(Kind.TEXT), AT(Kind.BINARY), CS(Kind.TEXT), DA(Kind.TEXT), DS(Kind.TEXT), DT(Kind.TEXT),
    FD(Kind.BINARY), FL(Kind.BINARY), IS(Kind.TEXT), LO(Kind.CHARSET_TEXT), LT(Kind.CHARSET_TEXT),
    OB(Kind.BULK), OD(Kind.BULK), OF(Kind.BULK), OL(Kind.BULK), OV(Kind.BULK), OW(Kind.BULK),
    PN(Kind.CHARSET_TEXT), SH(Kind.CHARSET_TEXT), SL(Kind.BINARY), SQ(Kind.SEQUENCE), SS(Kind.BINARY),
    ST(Kind.CHARSET_TEXT), SV(Kind.BINARY), TM(Kind.TEXT), UC(Kind.CHARSET_TEXT), UI(Kind.TEXT), UL(Kind.BINARY),
    UN(Kind.BULK), UR(Kind.TEXT), US(Kind.BINARY), UT(Kind.CHARSET_TEXT), UV(Kind.BINARY);

    enum Kind { TEXT, CHARSET_TEXT, BINARY, BULK, SEQUENCE }

    private final Kind kind;

    Vr(Kind kind) {
        this.kind = kind;
    }

    /** In explicit VR these have two reserved bytes and a 32-bit length; all others a 16-bit length. */
    public boolean hasLongLength() {
        return switch (this) {
            case OB, OD, OF, OL, OV, OW, SQ, SV, UC, UN, UR, UT, UV -> true;
            default -> false;
        };
    }

    /** Character strings, decoded with the data set's specific character set when {@link #usesCharset()}. */
    public boolean isText() {
        return kind == Kind.TEXT || kind == Kind.CHARSET_TEXT;
    }

    public boolean usesCharset() {
        return kind == Kind.CHARSET_TEXT;
    }

    /** Strings are padded with a space, UIDs and bytes with NUL (PS3.5 6.2). */
    public byte paddingByte() {
        return isText() && this != UI ? (byte) ' ' : 0;
    }

    /** The VR named by two bytes of an explicit-VR header, if it is one. */
    public static Optional<Vr> fromCode(int first, int second) {
        if (first < 'A' || first > 'Z' || second < 'A' || second > 'Z') {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(new String(new char[] {(char) first, (char) second})));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The VR of a dictionary entry. DCMTK's dictionary marks ambiguous VRs in lower case; the choice made here is
     * the one implicit VR needs when nothing else tells: US for xs, OW for pixel data, OB otherwise.
     */
    static Optional<Vr> fromDictionary(String code) {
        return switch (code) {
            case "xs" -> Optional.of(US);
            case "ox", "lt" -> Optional.of(OW);
            case "px" -> Optional.of(OW);
            case "up" -> Optional.of(UL);
            case "na" -> Optional.empty();
            default -> Optional.of(valueOf(code));
        };
    }
}
