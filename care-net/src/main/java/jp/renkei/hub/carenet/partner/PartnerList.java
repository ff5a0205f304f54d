package jp.renkei.hub.carenet.partner;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * The partner institutions of a facility for a period: the attachment of the 在宅医療情報連携加算 notification
 * (様式19の3), exportable as CSV.
 */
public record PartnerList(String facilityId, String facilityName, LocalDate from, LocalDate to, List<Partner> partners) {

    public PartnerList {
        partners = List.copyOf(partners);
    }

    /** UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF line ends, fields quoted when needed. */
    public byte[] csv() {
        StringBuilder csv = new StringBuilder();
        row(csv, "医療機関等の名称", "種別", "医療機関コード", "情報を共有した利用者数", "最後に共有した日");
        for (Partner p : partners) {
            row(csv, p.name(), p.kindLabel(), p.medicalInstitutionCode() == null ? "" : p.medicalInstitutionCode(),
                    String.valueOf(p.sharedRooms()), p.lastShared().toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(csv.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** "partners-2026-04-01_2026-09-30.csv". */
    public String csvFileName() {
        return "partners-" + from + "_" + to + ".csv";
    }

    private static void row(StringBuilder csv, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            String field = fields[i];
            // a leading = + - @ would be read by spreadsheets as a formula
            if (!field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0) {
                field = "'" + field;
            }
            if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
                field = "\"" + field.replace("\"", "\"\"") + "\"";
            }
            csv.append(field);
        }
        csv.append("\r\n");
    }
}
