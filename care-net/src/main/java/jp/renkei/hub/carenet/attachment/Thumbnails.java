package jp.renkei.hub.carenet.attachment;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A JPEG thumbnail (at most 320 pixels on the long side) of a photo, drawn fresh from its pixels, so it carries
 * no metadata whatever the original had. Decoding also proves the upload is a picture and not only a header.
 */
public final class Thumbnails {

    public static final int MAX_SIDE = 320;
    /** Larger pictures are refused: a tiny file can declare a huge canvas and exhaust memory when decoded. */
    public static final long MAX_PIXELS = 40_000_000L;

    private Thumbnails() {
    }

    /** @throws IllegalArgumentException when the bytes cannot be decoded as an image */
    public static byte[] of(byte[] image) {
        BufferedImage source = decode(image);
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage thumbnail = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumbnail.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE); // transparent PNG areas on white, as JPEG has no alpha
            g.fillRect(0, 0, width, height);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(thumbnail, "jpg", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Reads the declared size first and decodes only pictures of a sane size. */
    private static BufferedImage decode(byte[] image) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException("画像として読み取れません");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new IllegalArgumentException("画像が大きすぎます（" + reader.getWidth(0) + "×"
                            + reader.getHeight(0) + " ピクセル、" + MAX_PIXELS / 1_000_000 + " メガピクセルまで）");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known && known.getMessage().startsWith("画像")) {
                throw known;
            }
            throw new IllegalArgumentException("画像として読み取れません（" + e.getMessage() + "）");
        }
    }
}
