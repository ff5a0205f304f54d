package jp.renkei.hub.carenet.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Lays out care-net PDFs on A4 pages: a title, headings, label–value rows like a printed form, and paragraphs,
 * wrapped character by character (Japanese has no spaces to break at) and continued on new pages; every page
 * gets a footer with its number. Closing punctuation never starts a line (it hangs at the end of the previous one). Characters the font has no glyph for are printed as "?" rather than failing.
 */
public final class PdfComposer {

    private static final float MARGIN = 48;
    private static final float FOOTER = 28;
    private static final float LABEL_WIDTH = 170;
    private static final float TEXT = 10;
    private static final float LEADING = 14.5f;
    private static final float GREY = 0.4f;
    private static final String NO_LINE_START = "、。，．・：；？！）］｝」』】〕〉》ー…,.)]";

    private final PDDocument document;
    private final PDType0Font font;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private final Map<Integer, Float> widths = new HashMap<>();
    private PDPageContentStream page;
    private float y;

    private PdfComposer(PDDocument document, PDType0Font font) {
        this.document = document;
        this.font = font;
    }

    /** Writes a PDF: {@code content} draws it, every page gets {@code footer} and "n / total". */
    public static byte[] write(JapaneseFont fonts, String title, String footer, Consumer<PdfComposer> content) {
        try (PDDocument document = new PDDocument()) {
            PdfComposer composer = new PdfComposer(document, fonts.load(document));
            document.getDocumentInformation().setTitle(title);
            document.getDocumentInformation().setProducer("Renkei Hub care-net");
            document.getDocumentInformation().setCreationDate(Calendar.getInstance());
            composer.newPage();
            content.accept(composer);
            composer.page.close();
            composer.footers(footer);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the PDF", e);
        }
    }

    public void title(String text) {
        for (String line : wrap(text, 16, width())) {
            ensure(24);
            show(line, MARGIN, 16, 0);
            y -= 24;
        }
        y -= 4;
    }

    /** A small grey line under the title (version, author, date). */
    public void note(String text) {
        for (String line : wrap(text, 9, width())) {
            ensure(13);
            show(line, MARGIN, 9, GREY);
            y -= 13;
        }
    }

    public void heading(String text) {
        ensure(40);
        y -= 10;
        show(text, MARGIN, 12, 0);
        y -= 16; // below the heading's baseline and descenders
        rule(MARGIN, 0.8f);
        y -= 8;
    }

    /** A form row: the label on the left, the value beside it, a thin line under both. */
    public void field(String label, String value) {
        List<String> labels = wrap(label, 9, LABEL_WIDTH - 8);
        List<String> values = wrap(value == null ? "" : value, TEXT, width() - LABEL_WIDTH);
        int rows = Math.max(labels.size(), values.size());
        ensure(LEADING + 4);
        for (int i = 0; i < rows; i++) {
            ensure(LEADING);
            if (i < labels.size()) {
                show(labels.get(i), MARGIN, 9, GREY);
            }
            if (i < values.size()) {
                show(values.get(i), MARGIN + LABEL_WIDTH, TEXT, 0);
            }
            y -= LEADING;
        }
        y += 1; // just below the last line's descenders
        rule(MARGIN, 0.3f);
        y -= 7;
    }

    /** Wrapped text, indented by {@code indent} points. */
    public void paragraph(String text, float indent) {
        for (String line : wrap(text, TEXT, width() - indent)) {
            ensure(LEADING);
            show(line, MARGIN + indent, TEXT, 0);
            y -= LEADING;
        }
    }

    public void space(float points) {
        y -= points;
    }

    private float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    private void ensure(float height) {
        if (y - height < MARGIN + FOOTER) {
            try {
                page.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            newPage();
        }
    }

    private void newPage() {
        PDPage next = new PDPage(PDRectangle.A4);
        document.addPage(next);
        try {
            page = new PDPageContentStream(document, next);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void show(String text, float x, float size, float grey) {
        try {
            page.setNonStrokingColor(grey, grey, grey);
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(x, y - size);
            page.showText(text);
            page.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rule(float x, float thickness) {
        try {
            page.setStrokingColor(0.6f, 0.6f, 0.6f);
            page.setLineWidth(thickness);
            page.moveTo(x, y);
            page.lineTo(PDRectangle.A4.getWidth() - MARGIN, y);
            page.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void footers(String footer) throws IOException {
        int total = document.getNumberOfPages();
        for (int i = 0; i < total; i++) {
            try (PDPageContentStream stream = new PDPageContentStream(document, document.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                page = stream;
                y = MARGIN + 10;
                show(footer + " ・ " + (i + 1) + " / " + total, MARGIN, 8, GREY);
            }
        }
    }

    /** Lines of at most {@code width} points; explicit line breaks kept, empty lines kept as spacing. */
    List<String> wrap(String text, float size, float width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            float used = 0;
            for (int cp : paragraph.codePoints().toArray()) {
                String ch = printable(cp);
                if (ch.isEmpty()) {
                    continue;
                }
                float w = widthOf(ch) * size / 1000;
                // closing punctuation hangs at the line's end rather than starting the next (禁則)
                if (used + w > width && line.length() > 0 && !NO_LINE_START.contains(ch)) {
                    lines.add(line.toString());
                    line.setLength(0);
                    used = 0;
                }
                line.append(ch);
                used += w;
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private String printable(int cp) {
        if (cp == '\t') {
            return " ";
        }
        if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
            return "";
        }
        String ch = new String(Character.toChars(cp));
        boolean has = glyphs.computeIfAbsent(cp, c -> {
            try {
                font.encode(ch);
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        });
        return has ? ch : "?";
    }

    private float widthOf(String ch) {
        return widths.computeIfAbsent(ch.codePointAt(0), c -> {
            try {
                return font.getStringWidth(ch);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
