package jp.renkei.hub.carenet.attachment;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Word (.docx) and Excel (.xlsx) files, recognised by what their package declares, never by name: a ZIP whose
 * {@code [Content_Types].xml} names a Word document or Excel workbook as its main part. Refused: macro-enabled
 * packages (.docm/.xlsm content types, any {@code vbaProject.bin}), ActiveX controls and embedded OLE objects
 * (which can carry programs), programs by name, ZIP bombs (too many entries or too much once inflated, counted
 * while inflating rather than trusting the headers), names that climb out of the package, and legacy binary
 * .doc/.xls (OLE2), which can hold macros the hub cannot see into.
 */
public final class OfficeDocuments {

    public static final int MAX_ENTRIES = 1_000;
    public static final long MAX_UNCOMPRESSED = 50L * 1024 * 1024;
    static final String WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    static final String EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    /** Entries that hold code or objects that run: macros, ActiveX controls, OLE packages, programs. */
    private static final Pattern ACTIVE_ENTRY = Pattern.compile(
            "(^|/)(vbaproject\\.bin|vbadata\\.xml)$|(^|/)activex/|(^|/)embeddings/.*\\.bin$|(^|/)embeddings/oleobject"
                    + "|\\.(exe|dll|com|scr|bat|cmd|vbs|vbe|js|jse|wsf|ps1|msi|jar|hta|lnk|cpl)$");

    private OfficeDocuments() {
    }

    /** A ZIP file's local header, how every OOXML package starts. */
    public static boolean isZip(byte[] content) {
        return FileKind.startsWith(content, 0, 'P', 'K', 3, 4);
    }

    /** An OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1): legacy .doc/.xls, or a password-protected .docx/.xlsx. */
    public static boolean isLegacyOffice(byte[] content) {
        return FileKind.startsWith(content, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
    }

    /**
     * The kind of an OOXML package, after reading every entry.
     *
     * @throws IllegalArgumentException with a Japanese reason when the package is not a plain .docx or .xlsx
     */
    public static FileKind kindOf(byte[] zip) {
        byte[] contentTypes = null;
        Set<String> names = new HashSet<>();
        long total = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName();
                if (names.size() >= MAX_ENTRIES) {
                    throw new IllegalArgumentException("ZIP の中のファイルが多すぎます（" + MAX_ENTRIES + " 個まで）");
                }
                checkName(name);
                if (!names.add(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("同じ名前の部品が 2 つあり、壊れているか細工されています");
                }
                boolean keep = name.equals("[Content_Types].xml");
                ByteArrayOutputStream kept = new ByteArrayOutputStream();
                int read;
                while ((read = in.read(buffer)) > 0) {
                    total += read;
                    if (total > MAX_UNCOMPRESSED) {
                        throw new IllegalArgumentException("展開すると " + MAX_UNCOMPRESSED / 1024 / 1024
                                + " MB を超えます（ZIP 爆弾の恐れ）");
                    }
                    if (keep) {
                        kept.write(buffer, 0, read);
                    }
                }
                if (keep) {
                    contentTypes = kept.toByteArray();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("ZIP として読めません（壊れています）");
        }
        if (names.isEmpty() || names.size() != centralDirectoryEntries(zip)) {
            // entries only the central directory lists would be seen by Word/Excel but not by this check
            throw new IllegalArgumentException("ZIP の構造が不正です");
        }
        if (contentTypes == null) {
            throw new IllegalArgumentException(
                    "Word（.docx）・Excel（.xlsx）のファイルではありません（[Content_Types].xml がありません）");
        }
        return declaredKind(contentTypes);
    }

    private static void checkName(String name) {
        String slashed = name.replace('\\', '/');
        if (slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*") || List.of(slashed.split("/")).contains("..")
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("ZIP の中に不正な名前（" + name.replaceAll("\\p{Cntrl}", "?")
                    + "）があります");
        }
        if (ACTIVE_ENTRY.matcher(slashed.toLowerCase(Locale.ROOT)).find()) {
            throw new IllegalArgumentException("マクロ・ActiveX・埋め込みプログラムを含むファイルは添付できません（"
                    + name + "）");
        }
    }

    private static FileKind declaredKind(byte[] contentTypes) {
        Set<String> types = new HashSet<>();
        try (InputStream in = new ByteArrayInputStream(contentTypes)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setNamespaceAware(true);
            javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // refuse quietly, not on stderr
            NodeList all = builder.parse(in).getElementsByTagNameNS("*", "*");
            for (int i = 0; i < all.getLength(); i++) {
                String type = ((Element) all.item(i)).getAttribute("ContentType");
                if (!type.isEmpty()) {
                    types.add(type.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("[Content_Types].xml が読めません（壊れています）");
        }
        if (types.stream().anyMatch(t -> t.contains("macroenabled") || t.contains("vbaproject")
                || t.contains("activex") || t.contains("oleobject"))) {
            throw new IllegalArgumentException("マクロ・ActiveX・埋め込みプログラムを含むファイルは添付できません");
        }
        boolean word = types.contains(WORD_MAIN);
        boolean excel = types.contains(EXCEL_MAIN);
        if (word == excel) {
            throw new IllegalArgumentException("Word 文書（.docx）か Excel ブック（.xlsx）のどちらか 1 つである必要があります");
        }
        return word ? FileKind.DOCX : FileKind.XLSX;
    }

    /** The entry count in the end-of-central-directory record, -1 when there is none or it is ZIP64. */
    private static int centralDirectoryEntries(byte[] zip) {
        for (int at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xFFFF); at--) {
            if (zip[at] == 'P' && zip[at + 1] == 'K' && zip[at + 2] == 5 && zip[at + 3] == 6) {
                int count = (zip[at + 10] & 0xFF) | (zip[at + 11] & 0xFF) << 8;
                return count == 0xFFFF ? -1 : count;
            }
        }
        return -1;
    }
}
