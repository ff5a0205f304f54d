package jp.renkei.hub.carenet.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Base64;

import javax.imageio.ImageIO;

import jp.renkei.hub.carenet.Photos;
import jp.renkei.hub.core.web.ApiException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class HeicPhotoTest {

    private final HeifConverter installed = new HeifConverter(Path.of(HeifConverter.DEBIAN_PATH));

    @Test
    void aHeicPhotoIsStoredAsAJpegWithoutLocationOrDeviceData() throws Exception {
        Assumptions.assumeTrue(installed.available() && Photos.heicEncoderAvailable(),
                "libheif-examples (heif-convert, heif-enc) is not installed");
        byte[] heic = Photos.heicWithExif(400, 300);
        assertThat(FileKind.of(heic)).contains(FileKind.HEIC);
        // the converter carries the Exif over: what is stored must have lost it
        assertThat(Photos.contains(installed.toJpeg(heic), Photos.GPS_MARK)).as("the fixture's GPS data survives"
                + " conversion, so the test proves the stripping").isTrue();

        SanitisedFile stored = upload("IMG_0003.HEIC", heic, installed);

        assertThat(stored.kind()).isEqualTo(FileKind.JPEG);
        assertThat(stored.fileName()).isEqualTo("IMG_0003.jpg");
        assertThat(FileKind.of(stored.content())).contains(FileKind.JPEG);
        assertThat(Photos.contains(stored.content(), "Exif")).isFalse();
        assertThat(Photos.contains(stored.content(), Photos.GPS_MARK)).isFalse();
        assertThat(Photos.contains(stored.content(), Photos.DEVICE_MARK)).isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(stored.content())).getWidth()).isEqualTo(400);
        assertThat(ImageIO.read(new ByteArrayInputStream(stored.thumbnail())).getWidth()).isEqualTo(Thumbnails.MAX_SIDE);
    }

    @Test
    void aFileThatOnlyLooksLikeHeicIsRefusedWhenConverting() {
        Assumptions.assumeTrue(installed.available(), "libheif-examples (heif-convert) is not installed");
        assertThatThrownBy(() -> upload("IMG_0004.HEIC", Photos.heic(), installed))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors().get("attachments[0]"))
                        .isEqualTo("IMG_0004.HEIC: HEIC の写真として読めません（壊れているか、対応していない形式です）"));
    }

    @Test
    void withoutTheConverterHeicIsRefusedWithWhatToDo() {
        HeifConverter missing = new HeifConverter(Path.of("/nonexistent/heif-convert"));
        assertThat(missing.available()).isFalse();
        assertThatThrownBy(() -> upload("IMG_0005.HEIC", Photos.heic(), missing))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors().get("attachments[0]"))
                        .startsWith("IMG_0005.HEIC: HEIC 形式の写真は受け付けていません。").contains("互換性優先"));
    }

    private static SanitisedFile upload(String name, byte[] content, HeifConverter heif) {
        return UploadPolicy.sanitise(new UploadPolicy.Upload(name, Base64.getEncoder().encodeToString(content)),
                "attachments[0]", heif);
    }
}
