package jp.renkei.hub.carenet.attachment;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Rewrites a PNG keeping only the chunks needed to show it (image header, palette, transparency, colour and
 * pixel-size information, image data, end): eXIf, tEXt, zTXt, iTXt and tIME, which can carry location,
 * device and editing history, are dropped. Chunks are copied whole with their CRC.
 */
public final class PngMetadataStripper {

    private static final Set<String> KEPT = Set.of("IHDR", "PLTE", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT",
            "bKGD", "pHYs", "IDAT", "IEND");

    private PngMetadataStripper() {
    }

    public static byte[] strip(byte[] png) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
        out.write(png, 0, 8);
        int pos = 8;
        while (pos + 12 <= png.length) {
            long length = ((png[pos] & 0xFFL) << 24) | ((png[pos + 1] & 0xFF) << 16) | ((png[pos + 2] & 0xFF) << 8)
                    | (png[pos + 3] & 0xFF);
            long end = pos + 12L + length;
            if (end > png.length) {
                throw new IllegalArgumentException("PNG のチャンク長が不正です（位置 " + pos + "）");
            }
            String type = new String(png, pos + 4, 4, StandardCharsets.US_ASCII);
            if (KEPT.contains(type)) {
                out.write(png, pos, (int) (end - pos));
            }
            pos = (int) end;
            if (type.equals("IEND")) {
                return out.toByteArray();
            }
        }
        throw new IllegalArgumentException("PNG の終わり（IEND）がありません");
    }
}
