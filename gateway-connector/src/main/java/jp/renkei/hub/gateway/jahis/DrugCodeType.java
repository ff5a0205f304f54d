package jp.renkei.hub.gateway.jahis;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;

/**
 * 薬品コード種別 of record 201 and the FHIR code system of each. The receipt (レセプト電算処理システム) and MHLW
 * (薬価基準収載医薬品コード) codes have no JP Core 1.1.2 NamingSystem; their OIDs are the MHLW table numbers
 * JAMI lists (1.2.392.100495.20.2.71 and .72). HOT codes are 7, 9 or 13 digits, each with its own system.
 */
public enum DrugCodeType {
    NONE("1", "no code", null, null),
    RECEIPT("2", "receipt code", JpCoreSystems.RECEIPT_DRUG_CODE, Pattern.compile("\\d{9}")),
    MHLW("3", "MHLW price-list code", JpCoreSystems.MHLW_DRUG_CODE, Pattern.compile("[0-9A-Z]{12}")),
    YJ("4", "YJ code", JpCoreSystems.YJ, Pattern.compile("[0-9A-Z]{12}")),
    HOT("6", "HOT code", JpCoreSystems.HOT9, Pattern.compile("\\d{7}|\\d{9}|\\d{13}"));

    static final String HOT7 = JpCoreSystems.HOT7;
    static final String HOT13 = JpCoreSystems.HOT13;

    private final String number;
    private final String description;
    private final String system;
    private final Pattern format;

    DrugCodeType(String number, String description, String system, Pattern format) {
        this.number = number;
        this.description = description;
        this.system = system;
        this.format = format;
    }

    public String number() {
        return number;
    }

    public String description() {
        return number + " (" + description + ")";
    }

    public boolean hasCode() {
        return format != null;
    }

    public boolean accepts(String code) {
        return format != null && format.matcher(code).matches();
    }

    public String expectedFormat() {
        return switch (this) {
            case NONE -> "no code";
            case RECEIPT -> "9 digits";
            case MHLW, YJ -> "12 characters (digits and capital letters)";
            case HOT -> "7, 9 or 13 digits";
        };
    }

    /** The code system of a code of this type (HOT by its length). */
    public String system(String code) {
        if (this == HOT) {
            return code.length() == 13 ? HOT13 : code.length() == 7 ? HOT7 : system;
        }
        return system;
    }

    public static Optional<DrugCodeType> byNumber(String number) {
        return Arrays.stream(values()).filter(t -> t.number.equals(number)).findFirst();
    }

    /** A drug's code type and code (null for type 1, none) as read from a record. */
    record Read(DrugCodeType type, String code) {
    }

    /** Reads and checks the code type and code fields of a drug record (both JAHIS formats number them alike). */
    static Read read(JahisFields record, int typeIndex, int codeIndex) {
        String typeNumber = record.required(typeIndex, "code type");
        DrugCodeType type = byNumber(typeNumber).orElseThrow(() -> record.error(typeIndex, "code type",
                "'" + typeNumber + "' is not a drug code type (1 none, 2 receipt, 3 MHLW, 4 YJ, 6 HOT)"));
        String code = record.text(codeIndex, "drug code");
        if (type.hasCode() && code.isEmpty()) {
            throw record.error(codeIndex, "drug code", "empty, but code type " + type.description()
                    + " requires a code");
        }
        if (type.hasCode() && !type.accepts(code)) {
            throw record.error(codeIndex, "drug code", "'" + code + "' is not a " + type.description()
                    + ": expected " + type.expectedFormat());
        }
        return new Read(type, type.hasCode() ? code : null);
    }
}
