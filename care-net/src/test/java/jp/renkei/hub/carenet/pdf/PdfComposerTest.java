package jp.renkei.hub.carenet.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import jp.renkei.hub.core.web.ApiException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** PDFs with the Debian IPAex Gothic font (fonts-ipaexfont-gothic): Japanese text, page breaks, missing glyphs. */
class PdfComposerTest {

    private final JapaneseFont font = new JapaneseFont(new CareNetPdfProperties(null));

    @Test
    void japaneseTextIsEmbeddedWrappedAndContinuedOnNewPages() throws Exception {
        String longText = "褥瘡の処置を毎日行う。".repeat(400);
        byte[] pdf = PdfComposer.write(font, "試験", "フッター", out -> {
            out.title("訪問看護指示書");
            out.heading("現在の状況");
            out.field("主たる傷病名", "慢性心不全");
            out.field("留意事項", longText);
            out.paragraph("絵文字😀は印字できない", 0);
        });
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("フッター ・ 1 / " + document.getNumberOfPages());
            // without the footers each page ends with, the wrapped lines join up to the text as given
            String body = text.replaceAll("フッター ・ \\d+ / \\d+", "").replace("\n", "").replace("\r", "");
            assertThat(body).contains("訪問看護指示書", "主たる傷病名", "慢性心不全", longText, "絵文字?は印字できない");
            // the font is embedded (as a subset), not referenced
            assertThat(document.getPage(0).getResources().getFont(
                    document.getPage(0).getResources().getFontNames().iterator().next()).isEmbedded()).isTrue();
        }
        assertThat(pdf.length).as("a subset, not the 6 MB font").isLessThan(300_000);
    }

    @Test
    void aMissingOrUnusableFontSaysWhatToInstall() throws Exception {
        JapaneseFont missing = new JapaneseFont(new CareNetPdfProperties(Path.of("/nonexistent/ipaexg.ttf")));
        assertThatThrownBy(() -> PdfComposer.write(missing, "t", "f", out -> out.title("x")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("/nonexistent/ipaexg.ttf", "fonts-ipaexfont-gothic",
                            "renkei.care-net.pdf.font");
                });
        Path notAFont = Files.createTempFile("font", ".ttf");
        try {
            Files.writeString(notAFont, "not a font");
            JapaneseFont broken = new JapaneseFont(new CareNetPdfProperties(notAFont));
            assertThatThrownBy(() -> PdfComposer.write(broken, "t", "f", out -> out.title("x")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("読み込めません", "TrueType");
                    });
        } finally {
            Files.delete(notAFont);
        }
    }
}
