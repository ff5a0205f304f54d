package jp.renkei.hub.regional.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

/**
 * The SVG is read back as an image (its path's modules drawn at 4 pixels each) and decoded by ZXing's reader: a fresh
 * link read module by module (PURE_BARCODE: the drawing itself, deterministic), and a fixed link found by ZXing's
 * finder-pattern detector as a camera would (the detector misses about 1 in 200 perfect synthetic images, so a random
 * link there made this test flaky).
 */
class QrSvgTest {

    @Test
    void theDrawnCodeDecodesToTheLink() throws Exception {
        String link = "https://hub.example.jp/portal/q/" + LinkSecrets.newToken();
        assertThat(decode(link, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))).isEqualTo(link);
    }

    @Test
    void theDetectorFindsTheCodeInTheImage() throws Exception {
        String link = "https://hub.example.jp/portal/q/Xq3v9LmT0aZrK2pW8yBnC5dFhJ7sGuE1oIiVwNxYzQe";
        assertThat(decode(link, Map.of())).isEqualTo(link);
    }

    private static String decode(String link, Map<DecodeHintType, ?> hints) throws Exception {
        String svg = QrSvg.svg(link, "QR <code>");
        assertThat(svg).startsWith("<svg").contains("aria-label=\"QR &lt;code&gt;\"").doesNotContain("<script");
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) \\d+\"").matcher(svg);
        assertThat(box.find()).isTrue();
        int modules = Integer.parseInt(box.group(1));
        int scale = 4;
        int size = modules * scale;
        int[] pixels = new int[size * size];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        Matcher module = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        int dark = 0;
        while (module.find()) {
            dark++;
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * size + x * scale + dx] = 0;
                }
            }
        }
        assertThat(dark).isGreaterThan(100);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(size, size, pixels))), hints).getText();
    }
}
