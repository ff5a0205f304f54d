package jp.renkei.hub.carenet.attachment;

import java.io.ByteArrayOutputStream;

/**
 * Rewrites a JPEG without the segments that carry where and with what a photo was taken: APP1 (Exif with GPS,
 * camera make and model, serial numbers; XMP), APP3–APP13 (vendor data, IPTC/Photoshop) and COM. Kept: APP0
 * (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour transform), APP15 is dropped too, and every coding
 * segment and the entropy-coded image data byte for byte, so the picture itself is unchanged. (The Exif
 * orientation goes with APP1: a phone's portrait photo may show rotated.)
 * <p>
 * A malformed file is refused rather than passed through: what cannot be parsed cannot be shown clean.
 */
public final class JpegMetadataStripper {

    private static final int SOI = 0xD8;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    private JpegMetadataStripper() {
    }

    /** @throws IllegalArgumentException when the bytes are not a well-formed JPEG up to its image data */
    public static byte[] strip(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
            throw new IllegalArgumentException("JPEG の先頭（SOI）がありません");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(0xFF);
        out.write(SOI);
        int pos = 2;
        while (true) {
            if (pos >= jpeg.length) {
                throw new IllegalArgumentException("JPEG が画像データの前で終わっています");
            }
            if ((jpeg[pos] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("JPEG のセグメント構造が壊れています（位置 " + pos + "）");
            }
            int marker = jpeg[pos + 1 < jpeg.length ? pos + 1 : pos] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                pos++;
                continue;
            }
            if (marker == EOI) {
                out.write(jpeg, pos, 2);
                return out.toByteArray();
            }
            if (marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) { // no length
                out.write(jpeg, pos, 2);
                pos += 2;
                continue;
            }
            if (pos + 4 > jpeg.length) {
                throw new IllegalArgumentException("JPEG のセグメントが途中で切れています");
            }
            int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            int end = pos + 2 + length;
            if (length < 2 || end > jpeg.length) {
                throw new IllegalArgumentException("JPEG のセグメント長が不正です（位置 " + pos + "）");
            }
            if (marker == SOS) {
                // the scan header, then entropy-coded data and any further markers up to EOI: all image data
                out.write(jpeg, pos, jpeg.length - pos);
                return out.toByteArray();
            }
            if (!dropped(marker)) {
                out.write(jpeg, pos, end - pos);
            }
            pos = end;
        }
    }

    private static boolean dropped(int marker) {
        boolean app = marker >= 0xE0 && marker <= 0xEF;
        boolean kept = marker == 0xE0 || marker == 0xE2 || marker == 0xEE;
        return app && !kept || marker == 0xFE;
    }
}
