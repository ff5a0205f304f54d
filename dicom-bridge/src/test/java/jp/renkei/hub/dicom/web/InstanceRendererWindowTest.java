package jp.renkei.hub.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import javax.imageio.ImageIO;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import org.junit.jupiter.api.Test;

/** Rendering a CT slice in a chosen window (lung, mediastinum, bone) instead of the instance's own window. */
class InstanceRendererWindowTest {

    /** Hounsfield units of the four pixels: air, lung, soft tissue, bone. */
    private static final int[] HU = {-1000, -600, 40, 1000};

    /** A 4x1 signed 16-bit CT image stored as HU + 1024, rescale intercept -1024, own window 40/400. */
    private static DataSet ct() {
        DataSet set = new DataSet();
        set.setStrings(Tag.PHOTOMETRIC_INTERPRETATION, Vr.CS, "MONOCHROME2");
        set.setInt(Tag.SAMPLES_PER_PIXEL, Vr.US, 1);
        set.setInt(Tag.ROWS, Vr.US, 1);
        set.setInt(Tag.COLUMNS, Vr.US, HU.length);
        set.setInt(Tag.BITS_ALLOCATED, Vr.US, 16);
        set.setInt(Tag.BITS_STORED, Vr.US, 16);
        set.setInt(Tag.HIGH_BIT, Vr.US, 15);
        set.setInt(Tag.PIXEL_REPRESENTATION, Vr.US, 1);
        set.setStrings(Tag.RESCALE_INTERCEPT, Vr.DS, "-1024");
        set.setStrings(Tag.RESCALE_SLOPE, Vr.DS, "1");
        set.setStrings(Tag.WINDOW_CENTER, Vr.DS, "40");
        set.setStrings(Tag.WINDOW_WIDTH, Vr.DS, "400");
        ByteBuffer pixels = ByteBuffer.allocate(HU.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int hu : HU) {
            pixels.putShort((short) (hu + 1024));
        }
        set.setBytes(Tag.PIXEL_DATA, Vr.OW, pixels.array());
        return set;
    }

    private static int[] greys(Window window) throws Exception {
        InstanceRenderer.Rendered rendered = InstanceRenderer.render(ct(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                InstanceRenderer.PNG, 0, window);
        assertThat(rendered.mediaType()).isEqualTo("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(rendered.bytes()));
        int[] greys = new int[HU.length];
        for (int x = 0; x < HU.length; x++) {
            greys[x] = image.getRaster().getSample(x, 0, 0);
        }
        return greys;
    }

    @Test
    void withoutAWindowTheInstancesOwnWindowIsUsed() throws Exception {
        // mediastinum 40/400: air and lung black, soft tissue mid-grey, bone white
        assertThat(greys(null)).containsExactly(0, 0, 128, 255);
    }

    @Test
    void theLungWindowShowsTheLungAndTheBoneWindowTheBone() throws Exception {
        int[] lung = greys(new Window(-600, 1500));
        assertThat(lung[0]).isBetween(40, 70);
        assertThat(lung[1]).isBetween(120, 135);
        assertThat(lung[3]).isEqualTo(255);
        int[] bone = greys(new Window(400, 1800));
        assertThat(bone[0]).isZero();
        assertThat(bone[1]).isZero();
        assertThat(bone[2]).isBetween(70, 90);
        assertThat(bone[3]).isBetween(205, 220);
        assertThat(lung).isNotEqualTo(bone).isNotEqualTo(greys(null));
    }

    @Test
    void theRenderedBytesDifferByWindow() throws Exception {
        byte[] lung = InstanceRenderer.render(ct(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, InstanceRenderer.PNG, 0,
                new Window(-600, 1500)).bytes();
        byte[] brain = InstanceRenderer.render(ct(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, InstanceRenderer.PNG, 0,
                new Window(40, 80)).bytes();
        assertThat(lung).isNotEqualTo(brain);
    }

    @Test
    void aWindowNeedsAWidthOfAtLeastOne() {
        assertThatThrownBy(() -> new Window(40, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Window(Double.NaN, 400)).isInstanceOf(IllegalArgumentException.class);
    }
}
