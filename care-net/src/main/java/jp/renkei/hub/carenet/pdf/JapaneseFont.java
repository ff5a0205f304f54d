package jp.renkei.hub.carenet.pdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jp.renkei.hub.core.web.ApiException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The Japanese font care-net PDFs are written with, embedded as a subset in each PDF. A missing or unusable font
 * is said at start-up (logged) and on every PDF asked for (503 with what to install or configure), rather than
 * producing a PDF whose Japanese text cannot be shown.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CareNetPdfProperties.class)
public class JapaneseFont {

    private static final Logger LOG = LoggerFactory.getLogger(JapaneseFont.class);

    private final Path path;

    public JapaneseFont(CareNetPdfProperties properties) {
        this.path = properties.font();
        if (!Files.isReadable(path)) {
            LOG.warn("care-net PDFs cannot be made: {}", missing());
        }
    }

    /** Loads the font into the document (subset-embedded). */
    public PDType0Font load(PDDocument document) {
        if (!Files.isReadable(path)) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, missing());
        }
        try {
            return PDType0Font.load(document, path.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "PDF 用の日本語フォント " + path
                    + " を読み込めません（" + e.getMessage() + "）。TrueType のフォント（例: IPAex ゴシック ipaexg.ttf）を"
                    + " renkei.care-net.pdf.font に指定してください");
        }
    }

    public Path path() {
        return path;
    }

    private String missing() {
        return "PDF 用の日本語フォント " + path + " がありません。Debian では fonts-ipaexfont-gothic をインストールするか、"
                + "renkei.care-net.pdf.font に TrueType の日本語フォントを指定してください";
    }
}
