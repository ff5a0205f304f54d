package jp.renkei.hub.dicom.web;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

import javax.imageio.ImageIO;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Value;

/**
 * Renders the first frame of an instance as a consumer image (PS3.18 9.3.4): uncompressed MONOCHROME1,
 * MONOCHROME2 and RGB of 8 or 16 bits — modality rescale applied, then the window of the data set (the first
 * if several) or else the frame's own minimum to maximum, MONOCHROME1 inverted — and JPEG baseline, decoded
 * by Java's ImageIO or handed on as it is when a JPEG of the original size is wanted. Other pixel encodings
 * (JPEG lossless, JPEG-LS, JPEG 2000, RLE, palette colour, YBR) are not rendered.
 */
final class InstanceRenderer {

    /** The instance cannot be rendered; the message says why. */
    static final class NotRenderable extends Exception {
        NotRenderable(String message) {
            super(message);
        }
    }

    /** An encoded image and its media type. */
    record Rendered(String mediaType, byte[] bytes) {
    }

    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";

    /**
     * Renders {@code set} (pixel data read, in {@code syntax}) as {@code mediaType}, scaled to fit
     * {@code maxSize} pixels when it is larger (0 = original size).
     */
    static Rendered render(DataSet set, TransferSyntax syntax, String mediaType, int maxSize)
            throws NotRenderable, IOException {
        return render(set, syntax, mediaType, maxSize, null);
    }

    /**
     * As {@link #render(DataSet, TransferSyntax, String, int)}, monochrome images shown in {@code window} (in
     * rescaled units, e.g. Hounsfield units for CT) instead of the data set's own window; {@code null} = the data
     * set's. Colour and JPEG images have no window and are rendered as they are.
     */
    static Rendered render(DataSet set, TransferSyntax syntax, String mediaType, int maxSize, Window window)
            throws NotRenderable, IOException {
        if (syntax == TransferSyntax.JPEG_BASELINE) {
            byte[] jpeg = firstFrameFragments(set);
            if (mediaType.equals(JPEG) && maxSize == 0) {
                return new Rendered(JPEG, jpeg);
            }
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (decoded == null) {
                throw new NotRenderable("the JPEG baseline frame could not be decoded");
            }
            return encode(scaled(decoded, maxSize), mediaType);
        }
        if (syntax.encapsulated()) {
            throw new NotRenderable("pixel data in transfer syntax " + syntax.uid() + " is not rendered by the hub");
        }
        return encode(scaled(uncompressed(set, window), maxSize), mediaType);
    }

    private static byte[] firstFrameFragments(DataSet set) throws NotRenderable {
        if (!(set.get(Tag.PIXEL_DATA).map(e -> e.value()).orElse(null) instanceof Value.Fragments fragments)
                || fragments.fragments().size() < 2) {
            throw new NotRenderable("no encapsulated pixel data");
        }
        if (set.integer(Tag.NUMBER_OF_FRAMES).orElse(1) > 1 && fragments.fragments().size() > 2) {
            // With several frames the fragments must be split by the offset table; only single frames are rendered.
            throw new NotRenderable("multi-frame JPEG instances are not rendered");
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        fragments.fragments().subList(1, fragments.fragments().size()).forEach(frame::writeBytes);
        return frame.toByteArray();
    }

    private static BufferedImage uncompressed(DataSet set, Window window) throws NotRenderable {
        int rows = set.integer(Tag.ROWS).orElseThrow(() -> new NotRenderable("Rows (0028,0010) missing"));
        int columns = set.integer(Tag.COLUMNS).orElseThrow(() -> new NotRenderable("Columns (0028,0011) missing"));
        int samples = set.integer(Tag.SAMPLES_PER_PIXEL).orElse(1);
        int bitsAllocated = set.integer(Tag.BITS_ALLOCATED).orElse(8);
        int bitsStored = set.integer(Tag.BITS_STORED).orElse(bitsAllocated);
        boolean signed = set.integer(Tag.PIXEL_REPRESENTATION).orElse(0) == 1;
        String photometric = set.string(Tag.PHOTOMETRIC_INTERPRETATION).orElse("");
        byte[] pixels = set.bytes(Tag.PIXEL_DATA).orElseThrow(() -> new NotRenderable("no native pixel data"));
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new NotRenderable(bitsAllocated + " bits allocated; 8 or 16 are rendered");
        }
        int bytesPerSample = bitsAllocated / 8;
        long frameLength = (long) rows * columns * samples * bytesPerSample;
        if (rows <= 0 || columns <= 0 || pixels.length < frameLength) {
            throw new NotRenderable("pixel data shorter than one frame of " + rows + "x" + columns);
        }
        Samples source = new Samples(pixels, bytesPerSample, bitsStored, signed);
        if (photometric.equals("RGB") && samples == 3) {
            boolean planar = set.integer(Tag.PLANAR_CONFIGURATION).orElse(0) == 1;
            int shift = Math.max(bitsStored - 8, 0);
            BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
            int plane = rows * columns;
            for (int p = 0; p < plane; p++) {
                int[] rgb = new int[3];
                for (int c = 0; c < 3; c++) {
                    rgb[c] = Math.min(255, (int) source.get(planar ? c * plane + p : p * 3 + c) >> shift);
                }
                image.setRGB(p % columns, p / columns, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
            }
            return image;
        }
        if ((!photometric.equals("MONOCHROME1") && !photometric.equals("MONOCHROME2")) || samples != 1) {
            throw new NotRenderable("photometric interpretation " + photometric + " with " + samples
                    + " sample(s) is not rendered; MONOCHROME1, MONOCHROME2 and RGB are");
        }
        double slope = decimal(set, Tag.RESCALE_SLOPE).orElse(1.0);
        double intercept = decimal(set, Tag.RESCALE_INTERCEPT).orElse(0.0);
        int count = rows * columns;
        double[] values = new double[count];
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            values[i] = source.get(i) * slope + intercept;
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        Optional<Double> center = decimal(set, Tag.WINDOW_CENTER);
        Optional<Double> width = decimal(set, Tag.WINDOW_WIDTH).filter(w -> w >= 1);
        double c = window != null ? window.center()
                : center.isPresent() && width.isPresent() ? center.get() : (min + max) / 2;
        double w = window != null ? window.width()
                : center.isPresent() && width.isPresent() ? width.get() : Math.max(max - min, 1);
        boolean invert = photometric.equals("MONOCHROME1");
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < count; i++) {
            int grey = window(values[i], c, w);
            image.getRaster().setSample(i % columns, i / columns, 0, invert ? 255 - grey : grey);
        }
        return image;
    }

    /** The linear VOI LUT function (PS3.3 C.11.2.1.2.1) onto 0..255. */
    static int window(double x, double center, double width) {
        double low = center - 0.5 - (width - 1) / 2;
        double high = center - 0.5 + (width - 1) / 2;
        if (x <= low) {
            return 0;
        }
        if (x > high) {
            return 255;
        }
        return (int) Math.round(((x - (center - 0.5)) / Math.max(width - 1, 1) + 0.5) * 255);
    }

    /** Little-endian samples of 8 or 16 bits, masked to the bits stored and sign-extended when signed. */
    private record Samples(byte[] pixels, int bytes, int bitsStored, boolean signed) {
        long get(int index) {
            ByteBuffer buffer = ByteBuffer.wrap(pixels).order(ByteOrder.LITTLE_ENDIAN);
            int raw = bytes == 1 ? pixels[index] & 0xFF : buffer.getShort(index * 2) & 0xFFFF;
            int mask = (1 << bitsStored) - 1;
            int value = raw & mask;
            if (signed && (value & (1 << (bitsStored - 1))) != 0) {
                value -= 1 << bitsStored;
            }
            return value;
        }
    }

    private static Optional<Double> decimal(DataSet set, int tag) {
        List<String> values = set.strings(tag);
        if (values.isEmpty() || values.get(0).isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(values.get(0).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static BufferedImage scaled(BufferedImage image, int maxSize) {
        int largest = Math.max(image.getWidth(), image.getHeight());
        if (maxSize == 0 || largest <= maxSize) {
            return image;
        }
        int width = Math.max(1, image.getWidth() * maxSize / largest);
        int height = Math.max(1, image.getHeight() * maxSize / largest);
        BufferedImage target = new BufferedImage(width, height, image.getType() == BufferedImage.TYPE_BYTE_GRAY
                ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        target.getGraphics().drawImage(image.getScaledInstance(width, height, Image.SCALE_SMOOTH), 0, 0, null);
        return target;
    }

    private static Rendered encode(BufferedImage image, String mediaType) throws IOException {
        BufferedImage writable = image;
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY && image.getType() != BufferedImage.TYPE_INT_RGB) {
            writable = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            writable.getGraphics().drawImage(image, 0, 0, null);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(writable, mediaType.equals(PNG) ? "png" : "jpeg", out)) {
            throw new IOException("no ImageIO writer for " + mediaType);
        }
        return new Rendered(mediaType, out.toByteArray());
    }

    private InstanceRenderer() {
    }
}
