package jp.renkei.hub.dicom.encoding;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The transfer syntaxes the hub reads (PS3.5 10, Annex A). Compressed ones are explicit VR little endian with
 * encapsulated pixel data, which the hub keeps as opaque fragments: it stores and forwards them, it does not
 * decode them. Big endian and deflate are not supported.
 */
public enum TransferSyntax {
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", false, false),
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", true, false),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", true, true),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", true, true),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", true, true),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", true, true),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", true, true),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", true, true),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", true, true),
    JPEG_2000("1.2.840.10008.1.2.4.91", true, true),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", true, true);

    private static final Map<String, TransferSyntax> BY_UID =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(TransferSyntax::uid, Function.identity()));

    private final String uid;
    private final boolean explicitVr;
    private final boolean encapsulated;

    TransferSyntax(String uid, boolean explicitVr, boolean encapsulated) {
        this.uid = uid;
        this.explicitVr = explicitVr;
        this.encapsulated = encapsulated;
    }

    public String uid() {
        return uid;
    }

    public boolean explicitVr() {
        return explicitVr;
    }

    /** Pixel data is a sequence of fragments (PS3.5 A.4). */
    public boolean encapsulated() {
        return encapsulated;
    }

    public static Optional<TransferSyntax> of(String uid) {
        return Optional.ofNullable(uid == null ? null : BY_UID.get(uid));
    }
}
