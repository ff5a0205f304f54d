package jp.renkei.hub.carenet.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;

import java.awt.image.BufferedImage;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import jp.renkei.hub.carenet.Photos;
import jp.renkei.hub.core.web.ApiException;
import org.junit.jupiter.api.Test;

class MetadataStrippingTest {

    private static final HeifConverter NO_HEIF = new HeifConverter(java.nio.file.Path.of("/nonexistent/heif-convert"));

    @Test
    void exifAndCommentsLeaveTheJpegAndTheImageDataStaysByteForByte() throws Exception {
        byte[] plain = Photos.plainJpeg(200, 100);
        byte[] phone = Photos.jpegWithExif(200, 100);
        assertThat(Photos.contains(phone, Photos.GPS_MARK)).isTrue();

        byte[] stripped = JpegMetadataStripper.strip(phone);

        assertThat(Photos.contains(stripped, "Exif")).isFalse();
        assertThat(Photos.contains(stripped, Photos.GPS_MARK)).isFalse();
        assertThat(Photos.contains(stripped, Photos.DEVICE_MARK)).isFalse();
        // the encoder's own file (JFIF APP0, tables, scan) is what remains, unchanged
        assertThat(stripped).isEqualTo(plain);
        assertThat(ImageIO.read(new ByteArrayInputStream(stripped)).getWidth()).isEqualTo(200);
    }

    @Test
    void segmentsBetweenTheScansOfAProgressiveJpegAndDataAfterTheEndAreDroppedToo() throws Exception {
        byte[] progressive = progressiveJpeg(120, 80);
        int secondScan = indexOfSecondScan(progressive);
        byte[] exif = ("Exif\0\0MM\0*" + Photos.GPS_MARK).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream tagged = new ByteArrayOutputStream();
        tagged.write(progressive, 0, secondScan);
        tagged.write(new byte[] {(byte) 0xFF, (byte) 0xE1, 0, (byte) (exif.length + 2)});
        tagged.write(exif);
        tagged.write(progressive, secondScan, progressive.length - secondScan);
        tagged.write(Photos.DEVICE_MARK.getBytes(StandardCharsets.UTF_8)); // a trailer after EOI

        byte[] stripped = JpegMetadataStripper.strip(tagged.toByteArray());

        assertThat(Photos.contains(stripped, Photos.GPS_MARK)).isFalse();
        assertThat(Photos.contains(stripped, Photos.DEVICE_MARK)).isFalse();
        assertThat(stripped).isEqualTo(progressive);
        assertThat(ImageIO.read(new ByteArrayInputStream(stripped)).getWidth()).isEqualTo(120);
    }

    @Test
    void aTruncatedOrBrokenJpegIsRefusedNotPassedThrough() {
        byte[] phone = Photos.jpegWithExif(50, 50);
        assertThatThrownBy(() -> JpegMetadataStripper.strip(Arrays.copyOf(phone, 30)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] broken = phone.clone();
        broken[2] = 0x12; // not a marker where the first segment must start
        assertThatThrownBy(() -> JpegMetadataStripper.strip(broken))
                .hasMessageContaining("セグメント構造が壊れています");
    }

    @Test
    void pngTextAndExifChunksAreDropped() throws Exception {
        byte[] png = Photos.png(40, 30);
        byte[] tagged = withChunkAfterHeader(withChunkAfterHeader(png, "tEXt", "Location\0" + Photos.GPS_MARK),
                "eXIf", "MM\0*" + Photos.DEVICE_MARK);
        assertThat(Photos.contains(tagged, Photos.GPS_MARK)).isTrue();

        byte[] stripped = PngMetadataStripper.strip(tagged);

        assertThat(Photos.contains(stripped, Photos.GPS_MARK)).isFalse();
        assertThat(Photos.contains(stripped, Photos.DEVICE_MARK)).isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(stripped)).getHeight()).isEqualTo(30);
    }

    @Test
    void theKindComesFromTheContentAndHeicIsRefusedWithAReason() {
        assertThat(FileKind.of(Photos.plainJpeg(10, 10))).contains(FileKind.JPEG);
        assertThat(FileKind.of(Photos.png(10, 10))).contains(FileKind.PNG);
        assertThat(FileKind.of(Photos.heic())).contains(FileKind.HEIC);
        assertThat(FileKind.of("<html><script>".getBytes())).isEmpty();
        assertThatThrownBy(() -> UploadPolicy.sanitise(new UploadPolicy.Upload("a.heic",
                Base64.getEncoder().encodeToString(Photos.heic())), "attachments[0]", NO_HEIF))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors().get("attachments[0]"))
                        .contains("HEIC 形式の写真は受け付けていません"));
    }

    @Test
    void pdfWithScriptsIsRefusedPlainPdfKept() {
        byte[] script = "%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>".getBytes();
        assertThatThrownBy(() -> UploadPolicy.sanitise(new UploadPolicy.Upload("指示書.pdf",
                Base64.getEncoder().encodeToString(script)), "attachments[0]", NO_HEIF))
                .hasMessageContaining("スクリプトや埋め込みファイルを含む PDF は添付できません");
        byte[] plain = "%PDF-1.7\n1 0 obj << /Type /Catalog >>".getBytes();
        SanitisedFile kept = UploadPolicy.sanitise(new UploadPolicy.Upload("../../etc/指示書.pdf",
                Base64.getEncoder().encodeToString(plain)), "attachments[0]", NO_HEIF);
        assertThat(kept.content()).isEqualTo(plain);
        assertThat(kept.fileName()).isEqualTo("指示書.pdf");
        assertThat(kept.thumbnail()).isNull();
    }

    @Test
    void aPictureThatDoesNotDecodeIsRefused() {
        byte[] headerOnly = Arrays.copyOf(Photos.plainJpeg(20, 20), 200);
        assertThatThrownBy(() -> UploadPolicy.sanitise(new UploadPolicy.Upload("x.jpg",
                Base64.getEncoder().encodeToString(headerOnly)), "attachments[0]", NO_HEIF))
                .isInstanceOf(ApiException.class);
    }

    private static byte[] progressiveJpeg(int width, int height) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Photos.plainJpeg(width, height)));
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The position of the marker segment that follows the first scan's data (where the next scan begins). */
    private static int indexOfSecondScan(byte[] jpeg) {
        int firstScanData = -1;
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                if (firstScanData >= 0) {
                    // the first marker after the first scan's data
                    for (int j = firstScanData; j < i; j++) {
                        int next = jpeg[j + 1] & 0xFF;
                        if ((jpeg[j] & 0xFF) == 0xFF && next != 0 && (next < 0xD0 || next > 0xD7)) {
                            return j;
                        }
                    }
                }
                firstScanData = i + 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
                i = firstScanData - 1;
            }
        }
        throw new IllegalStateException("not a progressive JPEG");
    }

    private static byte[] withChunkAfterHeader(byte[] png, String type, String data) {
        int afterHeader = 8 + 4 + 4 + 13 + 4;
        byte[] typeAndData = (type + data).getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        int length = typeAndData.length - 4;
        out.write(new byte[] {(byte) (length >> 24), (byte) (length >> 16), (byte) (length >> 8), (byte) length}, 0, 4);
        out.write(typeAndData, 0, typeAndData.length);
        long c = crc.getValue();
        out.write(new byte[] {(byte) (c >> 24), (byte) (c >> 16), (byte) (c >> 8), (byte) c}, 0, 4);
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }
}
