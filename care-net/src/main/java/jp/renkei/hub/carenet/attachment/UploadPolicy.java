package jp.renkei.hub.carenet.attachment;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import jp.renkei.hub.core.web.ApiException;

/**
 * What a post may carry and how an upload becomes what is stored: JPEG and PNG photos (metadata stripped,
 * thumbnail made), HEIC photos (converted to JPEG, then the same), PDF files without active content and Word
 * (.docx) and Excel (.xlsx) files without macros, each at most 5 MB, at most 5 per post. The kind is taken from
 * the content; the name is kept only as a label, cleaned of paths and control characters.
 */
public final class UploadPolicy {

    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_FILES = 5;
    /** PDF names whose presence means the file can run something or carry other files. */
    private static final Pattern ACTIVE_PDF = Pattern.compile("/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\\b");

    private UploadPolicy() {
    }

    public static List<SanitisedFile> sanitise(List<Upload> uploads, HeifConverter heif) {
        if (uploads.size() > MAX_FILES) {
            throw ApiException.invalid("attachments", "添付は 1 つの投稿に " + MAX_FILES + " 個までです（" + uploads.size() + " 個）");
        }
        return java.util.stream.IntStream.range(0, uploads.size())
                .mapToObj(i -> sanitise(uploads.get(i), "attachments[" + i + "]", heif)).toList();
    }

    static SanitisedFile sanitise(Upload upload, String field, HeifConverter heif) {
        String name = fileName(upload.fileName());
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(upload.content() == null ? "" : upload.content());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, name + ": base64 として読めません");
        }
        if (content.length == 0) {
            throw ApiException.invalid(field, name + ": ファイルが空です");
        }
        if (content.length > MAX_BYTES) {
            throw ApiException.invalid(field, name + ": " + content.length + " バイトあります。1 ファイル "
                    + MAX_BYTES + " バイト（5 MB）までです");
        }
        if (OfficeDocuments.isLegacyOffice(content)) {
            throw ApiException.invalid(field, name + ": 古い形式の Word・Excel ファイル（.doc・.xls）やパスワード付きの"
                    + "ファイルは添付できません。Word・Excel で開き「名前を付けて保存」で .docx・.xlsx 形式にして"
                    + "（パスワードを外して）添付してください");
        }
        try {
            if (OfficeDocuments.isZip(content)) {
                return new SanitisedFile(name, OfficeDocuments.kindOf(content), content, null);
            }
            FileKind kind = FileKind.of(content).orElseThrow(() -> ApiException.invalid(field, name
                    + ": 添付できるのは JPEG・PNG・HEIC の写真、PDF、Word（.docx）、Excel（.xlsx）だけです"
                    + "（ファイルの中身がどれにも当たりません）"));
            return switch (kind) {
                case JPEG -> {
                    byte[] clean = JpegMetadataStripper.strip(content);
                    yield new SanitisedFile(name, kind, clean, Thumbnails.of(clean));
                }
                case PNG -> {
                    byte[] clean = PngMetadataStripper.strip(content);
                    yield new SanitisedFile(name, kind, clean, Thumbnails.of(clean));
                }
                case PDF -> new SanitisedFile(name, kind, checkedPdf(content, name, field), null);
                case HEIC -> {
                    if (!heif.available()) {
                        throw ApiException.invalid(field, name + ": HEIC 形式の写真は受け付けていません。"
                                + "スマートフォンの設定（カメラ → フォーマット →「互換性優先」）で JPEG にするか、"
                                + "JPEG に変換して添付してください");
                    }
                    byte[] clean = JpegMetadataStripper.strip(heif.toJpeg(content));
                    if (clean.length > MAX_BYTES) {
                        throw ApiException.invalid(field, name + ": JPEG にすると " + clean.length
                                + " バイトになり、1 ファイル " + MAX_BYTES + " バイト（5 MB）を超えます");
                    }
                    yield new SanitisedFile(jpegName(name), FileKind.JPEG, clean, Thumbnails.of(clean));
                }
                case DOCX, XLSX -> throw new IllegalStateException("Office files are recognised as ZIP packages");
            };
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, name + ": " + e.getMessage());
        }
    }

    private static byte[] checkedPdf(byte[] pdf, String name, String field) {
        // ISO-8859-1 maps every byte to one char, so names are found wherever they are in the raw file
        if (ACTIVE_PDF.matcher(new String(pdf, StandardCharsets.ISO_8859_1)).find()) {
            throw ApiException.invalid(field, name + ": スクリプトや埋め込みファイルを含む PDF は添付できません");
        }
        return pdf;
    }

    /** The label of a converted photo ends in .jpg, so it opens with what the file now is. */
    static String jpegName(String name) {
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + ".jpg";
    }

    static String fileName(String given) {
        if (given == null || given.isBlank()) {
            return "添付ファイル";
        }
        String base = given.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        return base.isEmpty() ? "添付ファイル" : base.length() > 200 ? base.substring(0, 200) : base;
    }

    /** A file as uploaded: its name and base64 content. */
    public record Upload(String fileName, String content) {
    }
}
