package jp.renkei.hub.carenet;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/** Test pictures: a JPEG as a phone writes it, with an Exif segment holding GPS position and camera data. */
public final class Photos {

    /** Strings that sit in the Exif segment and must never reach the stored file. */
    public static final String GPS_MARK = "GPS 37.7608N 140.4747E";
    public static final String DEVICE_MARK = "Apple iPhone 15 Pro SN-F2LXK9";

    private Photos() {
    }

    public static byte[] plainJpeg(int width, int height) {
        return encode(picture(width, height), "jpg");
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height), "png");
    }

    /** A JPEG with an APP1 Exif segment (TIFF header, then GPS and device text) and a COM segment. */
    public static byte[] jpegWithExif(int width, int height) {
        byte[] plain = plainJpeg(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        segment(out, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8}, (GPS_MARK + "\0" + DEVICE_MARK).getBytes(StandardCharsets.UTF_8)));
        segment(out, 0xFE, ("Shot on " + DEVICE_MARK).getBytes(StandardCharsets.UTF_8));
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** An ISO-BMFF file with a HEIC brand, as an iPhone writes by default. */
    public static byte[] heic() {
        byte[] bytes = new byte[64];
        System.arraycopy(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1',
                'h', 'e', 'i', 'c'}, 0, bytes, 0, 24);
        return bytes;
    }

    /** Whether libheif's encoder is installed to make {@link #heicWithExif}. */
    public static boolean heicEncoderAvailable() {
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of(HEIF_ENC));
    }

    /** A real HEIC photo, encoded by libheif's heif-enc from {@link #jpegWithExif}, whose Exif it keeps. */
    public static byte[] heicWithExif(int width, int height) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("photos-heic-");
            java.nio.file.Path jpeg = java.nio.file.Files.write(dir.resolve("in.jpg"), jpegWithExif(width, height));
            java.nio.file.Path heic = dir.resolve("out.heic");
            Process enc = new ProcessBuilder(HEIF_ENC, "-q", "60", "-o", heic.toString(), jpeg.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!enc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || enc.exitValue() != 0) {
                throw new IllegalStateException("heif-enc failed");
            }
            byte[] bytes = java.nio.file.Files.readAllBytes(heic);
            java.nio.file.Files.delete(heic);
            java.nio.file.Files.delete(jpeg);
            java.nio.file.Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final String HEIF_ENC = "/usr/bin/heif-enc";

    private static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 120, 90));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        int length = payload.length + 2;
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(payload, 0, payload.length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    public static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1)
                .contains(new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }
}
