package jp.renkei.hub.carenet.attachment;

import java.io.ByteArrayOutputStream;

/**
 * Rewrites a JPEG without the segments that carry where and with what a photo was taken: APP1 (Exif with GPS,
 * camera make and model, serial numbers; XMP), APP3–APP13 (vendor data, IPTC/Photoshop) and COM. Kept: APP0
 * (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour transform), and every coding segment and the
 * entropy-coded image data byte for byte, so the picture itself is unchanged. Segments between the scans of a
 * progressive JPEG are filtered the same way, and anything after EOI (some phones append data there) is
 * dropped. (The Exif orientation goes with APP1: a phone's portrait photo may show rotated.)
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
        boolean scanned = false;
        while (true) {
            if (pos >= jpeg.length) {
                if (scanned) {
                    return out.toByteArray();
                }
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
            if (!dropped(marker)) {
                out.write(jpeg, pos, end - pos);
            }
            pos = end;
            if (marker == SOS) {
                scanned = true;
                // entropy-coded data up to the next real marker; progressive files have several scans with
                // segments between them, which are filtered like the ones before the first scan
                int dataEnd = endOfEntropyData(jpeg, pos);
                out.write(jpeg, pos, dataEnd - pos);
                pos = dataEnd;
            }
        }
    }

    /**
     * Where the entropy-coded data starting at {@code from} ends: at the first 0xFF that is neither a stuffed
     * 0x00, a restart marker (RST0–RST7) nor fill; or at the end of the file (a missing EOI is tolerated, as
     * decoders do).
     */
    private static int endOfEntropyData(byte[] jpeg, int from) {
        int pos = from;
        while (pos + 1 < jpeg.length) {
            if ((jpeg[pos] & 0xFF) == 0xFF) {
                int next = jpeg[pos + 1] & 0xFF;
                if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                    return pos;
                }
            }
            pos++;
        }
        return jpeg.length;
    }

    private static boolean dropped(int marker) {
        boolean app = marker >= 0xE0 && marker <= 0xEF;
        boolean kept = marker == 0xE0 || marker == 0xE2 || marker == 0xEE;
        return app && !kept || marker == 0xFE;
    }
}
