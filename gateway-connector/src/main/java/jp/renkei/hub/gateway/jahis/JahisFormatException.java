package jp.renkei.hub.gateway.jahis;

/**
 * A JAHIS file that cannot be read or mapped, with where and why: the line (1-based; 0 for the file as a whole),
 * the record number, the field (1-based index after the record number, and its name), and the reason. The
 * message reads like {@code line 4, record 201 (drug), field 6 (drug code): empty although code type 2 needs one}.
 */
public class JahisFormatException extends RuntimeException {

    private final int line;
    private final String record;
    private final int field;
    private final String fieldName;
    private final String reason;

    public JahisFormatException(int line, String record, int field, String fieldName, String reason) {
        super(describe(line, record, field, fieldName, reason));
        this.line = line;
        this.record = record;
        this.field = field;
        this.fieldName = fieldName;
        this.reason = reason;
    }

    /** A problem of the file as a whole (encoding, empty input). */
    public static JahisFormatException ofFile(String reason) {
        return new JahisFormatException(0, null, 0, null, reason);
    }

    /** A problem of a whole line (header, unknown record, record order). */
    public static JahisFormatException ofLine(int line, String record, String reason) {
        return new JahisFormatException(line, record, 0, null, reason);
    }

    public int line() {
        return line;
    }

    /** The record as {@code "201 (drug)"}, or null when the problem is not in a record. */
    public String record() {
        return record;
    }

    /** 1-based field index after the record number; 0 when the problem is not in one field. */
    public int field() {
        return field;
    }

    public String fieldName() {
        return fieldName;
    }

    public String reason() {
        return reason;
    }

    /** Where, without the why: {@code line 4, record 201 (drug), field 6 (drug code)}, or {@code file}. */
    public String location() {
        return location(line, record, field, fieldName);
    }

    private static String describe(int line, String record, int field, String fieldName, String reason) {
        return location(line, record, field, fieldName) + ": " + reason;
    }

    private static String location(int line, String record, int field, String fieldName) {
        if (line == 0) {
            return "file";
        }
        StringBuilder where = new StringBuilder("line ").append(line);
        if (record != null) {
            where.append(", record ").append(record);
        }
        if (field > 0) {
            where.append(", field ").append(field).append(" (").append(fieldName).append(')');
        }
        return where.toString();
    }
}
