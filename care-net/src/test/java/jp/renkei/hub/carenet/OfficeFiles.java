package jp.renkei.hub.carenet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test Word and Excel packages, written here with java.util.zip: the smallest parts Word and Excel open. */
public final class OfficeFiles {

    public static final String WORD_MAIN =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    public static final String EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    public static final String WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml";

    private static final long WRITTEN = java.time.Instant.parse("2026-04-01T09:00:00Z").toEpochMilli();

    private OfficeFiles() {
    }

    public static byte[] docx() {
        return zip(parts(WORD_MAIN, "/word/document.xml"));
    }

    public static byte[] xlsx() {
        return zip(parts(EXCEL_MAIN, "/xl/workbook.xml"));
    }

    /** The parts of a package whose main part has the given content type, plus its relationships. */
    public static Map<String, byte[]> parts(String mainType, String mainPart) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"" + mainPart + "\" ContentType=\"" + mainType + "\"/></Types>"));
        parts.put("_rels/.rels", utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/officeDocument\" Target=\"" + mainPart.substring(1) + "\"/></Relationships>"));
        parts.put(mainPart.substring(1), utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?><document>訪問看護報告書</document>"));
        return parts;
    }

    public static byte[] zip(Map<String, byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                ZipEntry entry = new ZipEntry(part.getKey());
                entry.setTime(WRITTEN); // the same bytes on every call, so stored files can be compared
                zip.putNextEntry(entry);
                zip.write(part.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
