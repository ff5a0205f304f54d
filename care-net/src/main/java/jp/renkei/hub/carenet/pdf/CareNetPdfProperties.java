package jp.renkei.hub.carenet.pdf;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the Japanese TrueType font for care-net PDFs is ({@code renkei.care-net.pdf.font}). It must have
 * TrueType outlines (glyf): PDFBox embeds a subset of those, not of CFF-based OpenType (.otf, Noto CJK .ttc).
 * The default is Debian's IPAex Gothic (package {@code fonts-ipaexfont-gothic}).
 */
@ConfigurationProperties("renkei.care-net.pdf")
public record CareNetPdfProperties(Path font) {

    public static final Path DEBIAN_IPAEX_GOTHIC = Path.of("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf");

    public CareNetPdfProperties {
        font = font == null ? DEBIAN_IPAEX_GOTHIC : font;
    }
}
