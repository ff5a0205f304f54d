package jp.renkei.hub.dicom.secondread;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
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
import jp.renkei.hub.dicom.encoding.Element;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Value;
import jp.renkei.hub.dicom.file.DicomFile;

/**
 * A small PNG of an image's first frame for the worklist: uncompressed monochrome images of 8 or 16 bits, windowed
 * over their own range, and JPEG baseline images (decoded by the JDK). Anything else is refused with the reason;
 * the radiologist then opens the DICOM file in a viewer. The PNG carries no metadata, only pixels.
 */
final class Preview {

    private static final int MAX_SIDE = 512;

    /** A PNG, or why there is none. */
    record Rendered(byte[] png, String refusal) {
        static Rendered refused(String reason) {
            return new Rendered(null, reason);
        }
    }

    static Rendered render(DicomFile.Parsed file) throws IOException {
        DataSet set = file.dataSet();
        TransferSyntax syntax = DicomFile.syntaxOf(file.meta());
        Optional<Element> pixels = set.get(Tag.PIXEL_DATA);
        if (pixels.isEmpty()) {
            return Rendered.refused("the instance has no pixel data");
        }
        BufferedImage image;
        if (syntax == TransferSyntax.JPEG_BASELINE || syntax == TransferSyntax.JPEG_EXTENDED) {
            image = jpeg(pixels.get());
        } else if (!syntax.encapsulated()) {
            image = monochrome(set, pixels.get());
        } else {
            return Rendered.refused("previews of " + syntax + " images are not made; download the instance");
        }
        if (image == null) {
            return Rendered.refused("only single-sample MONOCHROME1/2 images of 8 or 16 bits and JPEG baseline"
                    + " images are previewed; download the instance");
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(scaled(image), "png", png);
        return new Rendered(png.toByteArray(), null);
    }

    private static BufferedImage jpeg(Element pixels) throws IOException {
        if (!(pixels.value() instanceof Value.Fragments fragments) || fragments.fragments().size() < 2) {
            return null;
        }
        // The first item is the basic offset table; the first frame is in the fragments after it.
        List<byte[]> frame = fragments.fragments().subList(1, fragments.fragments().size());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] fragment : frame) {
            bytes.write(fragment);
        }
        return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    }

    private static BufferedImage monochrome(DataSet set, Element pixels) {
        int rows = set.integer(Tag.ROWS).orElse(0);
        int columns = set.integer(Tag.COLUMNS).orElse(0);
        int bits = set.integer(Tag.BITS_ALLOCATED).orElse(0);
        boolean signed = set.integer(Tag.PIXEL_REPRESENTATION).orElse(0) == 1;
        String photometric = set.string(Tag.PHOTOMETRIC_INTERPRETATION).map(String::strip).orElse("");
        if (set.integer(Tag.SAMPLES_PER_PIXEL).orElse(1) != 1 || !photometric.startsWith("MONOCHROME")
                || (bits != 8 && bits != 16) || rows <= 0 || columns <= 0
                || !(pixels.value() instanceof Value.Bytes bytes)
                || bytes.bytes().length < (long) rows * columns * (bits / 8)) {
            return null;
        }
        int[] values = new int[rows * columns];
        ByteBuffer buffer = ByteBuffer.wrap(bytes.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < values.length; i++) {
            int v = bits == 8 ? (signed ? buffer.get() : buffer.get() & 0xFF)
                    : (signed ? buffer.getShort() : buffer.getShort() & 0xFFFF);
            values[i] = v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        boolean inverted = photometric.equals("MONOCHROME1");
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
        double scale = max > min ? 255.0 / (max - min) : 0;
        for (int i = 0; i < values.length; i++) {
            int grey = (int) Math.round((values[i] - min) * scale);
            image.getRaster().setSample(i % columns, i / columns, 0, inverted ? 255 - grey : grey);
        }
        return image;
    }

    private static BufferedImage scaled(BufferedImage image) {
        int side = Math.max(image.getWidth(), image.getHeight());
        if (side <= MAX_SIDE) {
            return image;
        }
        double factor = (double) MAX_SIDE / side;
        int width = Math.max(1, (int) (image.getWidth() * factor));
        int height = Math.max(1, (int) (image.getHeight() * factor));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return scaled;
    }

    private Preview() {
    }
}
