package jp.renkei.hub.carenet.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import jp.renkei.hub.carenet.OfficeFiles;
import jp.renkei.hub.core.web.ApiException;
import org.junit.jupiter.api.Test;

class OfficeDocumentsTest {

    private static final HeifConverter NO_HEIF = new HeifConverter(Path.of("/nonexistent/heif-convert"));

    @Test
    void wordAndExcelAreRecognisedByTheirDeclaredMainPartAndKeptAsTheyAre() {
        SanitisedFile word = upload("報告書.docx", OfficeFiles.docx());
        assertThat(word.kind()).isEqualTo(FileKind.DOCX);
        assertThat(word.kind().contentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(word.content()).isEqualTo(OfficeFiles.docx());
        assertThat(word.thumbnail()).isNull();
        // the name says nothing: a workbook called .docx is still a workbook
        assertThat(upload("報告書.docx", OfficeFiles.xlsx()).kind()).isEqualTo(FileKind.XLSX);
        assertThat(FileKind.XLSX.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    @Test
    void macroEnabledPackagesAreRefused() {
        assertRefused(OfficeFiles.zip(OfficeFiles.parts(OfficeFiles.WORD_MACRO_MAIN, "/word/document.xml")),
                "マクロ・ActiveX・埋め込みプログラムを含むファイルは添付できません");
        Map<String, byte[]> withMacros = OfficeFiles.parts(OfficeFiles.WORD_MAIN, "/word/document.xml");
        withMacros.put("word/vbaProject.bin", new byte[] {1, 2, 3});
        assertRefused(OfficeFiles.zip(withMacros), "マクロ・ActiveX・埋め込みプログラムを含むファイルは添付できません（word/vbaProject.bin）");
        Map<String, byte[]> activeX = OfficeFiles.parts(OfficeFiles.EXCEL_MAIN, "/xl/workbook.xml");
        activeX.put("xl/activeX/activeX1.xml", "<ax/>".getBytes());
        assertRefused(OfficeFiles.zip(activeX), "マクロ・ActiveX・埋め込みプログラムを含むファイルは添付できません");
        Map<String, byte[]> ole = OfficeFiles.parts(OfficeFiles.WORD_MAIN, "/word/document.xml");
        ole.put("word/embeddings/oleObject1.bin", new byte[] {(byte) 0xD0, (byte) 0xCF});
        assertRefused(OfficeFiles.zip(ole), "（word/embeddings/oleObject1.bin）");
        Map<String, byte[]> program = OfficeFiles.parts(OfficeFiles.WORD_MAIN, "/word/document.xml");
        program.put("word/media/setup.exe", "MZ".getBytes());
        assertRefused(OfficeFiles.zip(program), "（word/media/setup.exe）");
    }

    @Test
    void legacyBinaryWordAndExcelAreRefusedWithWhatToDo() {
        byte[] ole2 = new byte[512];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, ole2, 0, magic.length);
        assertRefused(ole2, "古い形式の Word・Excel ファイル（.doc・.xls）");
        assertRefused(ole2, "「名前を付けて保存」で .docx・.xlsx 形式にして");
    }

    @Test
    void zipBombsAreRefusedWhileInflatingNotByTheirHeaders() {
        Map<String, byte[]> bomb = OfficeFiles.parts(OfficeFiles.WORD_MAIN, "/word/document.xml");
        bomb.put("word/media/zeros.bin.xml", new byte[(int) OfficeDocuments.MAX_UNCOMPRESSED + 1]);
        byte[] zipped = OfficeFiles.zip(bomb);
        assertThat(zipped.length).as("small enough to pass the upload size limit").isLessThan(UploadPolicy.MAX_BYTES);
        assertRefused(zipped, "展開すると 50 MB を超えます（ZIP 爆弾の恐れ）");

        Map<String, byte[]> many = OfficeFiles.parts(OfficeFiles.WORD_MAIN, "/word/document.xml");
        for (int i = 0; i < OfficeDocuments.MAX_ENTRIES; i++) {
            many.put("word/media/part" + i + ".xml", new byte[0]);
        }
        assertRefused(OfficeFiles.zip(many), "ZIP の中のファイルが多すぎます（1000 個まで）");
    }

    @Test
    void namesThatClimbOutOfThePackageAreRefused() {
        for (String name : new String[] {"../../etc/cron.d/x", "word/../../x.xml", "/etc/passwd", "C:\\Windows\\x.xml",
                "..\\x.xml"}) {
            Map<String, byte[]> parts = OfficeFiles.parts(OfficeFiles.WORD_MAIN, "/word/document.xml");
            parts.put(name, "<x/>".getBytes());
            assertRefused(OfficeFiles.zip(parts), "ZIP の中に不正な名前");
        }
    }

    @Test
    void otherZipsAndBrokenPackagesAreRefused() {
        assertRefused(OfficeFiles.zip(Map.of("readme.txt", "hello".getBytes())), "[Content_Types].xml がありません");
        assertRefused(OfficeFiles.zip(OfficeFiles.parts("application/vnd.oasis.opendocument.text", "/content.xml")),
                "Word 文書（.docx）か Excel ブック（.xlsx）のどちらか 1 つ");
        Map<String, byte[]> doctype = OfficeFiles.parts(OfficeFiles.WORD_MAIN, "/word/document.xml");
        doctype.put("[Content_Types].xml", ("<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Types><Override ContentType=\"" + OfficeFiles.WORD_MAIN + "\"/></Types>").getBytes());
        assertRefused(OfficeFiles.zip(doctype), "[Content_Types].xml が読めません");
        byte[] docx = OfficeFiles.docx();
        byte[] truncated = java.util.Arrays.copyOf(docx, docx.length - 30);
        assertThatThrownBy(() -> upload("a.docx", truncated)).isInstanceOf(ApiException.class);
    }

    private static SanitisedFile upload(String name, byte[] content) {
        return UploadPolicy.sanitise(new UploadPolicy.Upload(name, Base64.getEncoder().encodeToString(content)),
                "attachments[0]", NO_HEIF);
    }

    private static void assertRefused(byte[] content, String reason) {
        assertThatThrownBy(() -> upload("file.docx", content))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors().get("attachments[0]"))
                        .startsWith("file.docx: ").contains(reason));
    }
}
