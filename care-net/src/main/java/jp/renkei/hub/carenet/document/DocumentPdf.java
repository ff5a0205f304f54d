package jp.renkei.hub.carenet.document;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.stream.Collectors;

import jp.renkei.hub.carenet.pdf.JapaneseFont;
import jp.renkei.hub.carenet.pdf.PdfComposer;
import jp.renkei.hub.carenet.room.Room;

/**
 * A document version as a printed form: the template's sections in order, every field with its label (empty
 * ones left blank, as on paper), the patient from the room, and who wrote which version when.
 */
final class DocumentPdf {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").withZone(JAPAN);

    private DocumentPdf() {
    }

    static byte[] render(JapaneseFont fonts, DocumentTemplate template, Room room, CareDocument document) {
        return PdfComposer.write(fonts, document.versionedTitle(), "Renkei Hub 在宅ケア連携 ・ "
                + document.versionedTitle(), pdf -> {
            pdf.title(template.title());
            pdf.note("第 " + document.version() + " 版 ・ 作成 " + MINUTE.format(document.createdAt()) + " ・ 作成者 "
                    + document.authorName() + "（" + document.authorFacility() + "）");
            pdf.heading("利用者");
            pdf.field("氏名", room.patientName() + (room.patientNameKana() == null ? "" : "（" + room.patientNameKana() + "）"));
            pdf.field("生年月日", room.patientBirthDate() == null ? "" : DAY.format(room.patientBirthDate()));
            for (DocumentSection section : template.sections()) {
                pdf.heading(section.title());
                for (DocumentField field : section.fields()) {
                    pdf.field(field.label(), shown(field, document.values().get(field.code())));
                }
            }
        });
    }

    static String shown(DocumentField field, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining("、"));
        }
        return field.type() == FieldType.DATE ? DAY.format(LocalDate.parse((String) value)) : String.valueOf(value);
    }
}
