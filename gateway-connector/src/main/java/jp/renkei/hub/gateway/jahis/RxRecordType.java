package jp.renkei.hub.gateway.jahis;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The records of a JAHIS prescription 2D symbol (院外処方せん2次元シンボル, header {@code JAHIS10}) by record number.
 * {@code imported}: what the hub maps; the others (insurance, public funding, remarks) are read and reported.
 */
public enum RxRecordType {
    FACILITY("1", "medical institution", true),
    FACILITY_ADDRESS("2", "institution address", false),
    FACILITY_PHONE("3", "institution phone", false),
    DEPARTMENT("4", "department", true),
    DOCTOR("5", "doctor", true),
    PATIENT_NAME("11", "patient name", true),
    PATIENT_SEX("12", "patient sex", true),
    PATIENT_BIRTH_DATE("13", "patient birth date", true),
    PATIENT_BURDEN("14", "patient co-payment class", false),
    PATIENT_CLASS("15", "patient class", false),
    INSURANCE_TYPE("21", "insurance type", false),
    INSURER("22", "insurer number", false),
    INSURED_SYMBOL("23", "insurance card symbol and number", false),
    BENEFIT_RATE("24", "co-payment and benefit rate", false),
    OCCUPATIONAL("25", "occupational reason", false),
    PUBLIC_FUNDING_1("27", "first public funding", false),
    PUBLIC_FUNDING_2("28", "second public funding", false),
    PUBLIC_FUNDING_3("29", "third public funding", false),
    SPECIAL_PUBLIC_FUNDING("30", "special public funding", false),
    RECEIPT_TYPE("31", "receipt type", false),
    ISSUE_DATE("51", "prescription date", true),
    EXPIRY_DATE("52", "expiry date", true),
    NARCOTIC("61", "narcotic prescriber", false),
    REMAINING_MEDICINE("62", "remaining-medicine check", false),
    REFILL("63", "refill", false),
    PRESCRIPTION_NOTE_64("64", "prescription note", false),
    REMARKS("81", "remarks", false),
    PRESCRIPTION_NUMBER("82", "prescription number", false),
    DOSAGE_FORM("101", "dosage form", true),
    DOSAGE_FORM_SUPPLEMENT("102", "dosage-form supplement", false),
    USAGE("111", "usage", true),
    USAGE_SUPPLEMENT("181", "usage supplement", true),
    DRUG("201", "drug", true),
    UNIT_CONVERSION("211", "unit conversion", true),
    UNEVEN_DOSING("221", "uneven dosing", true),
    PAYMENT_CLASS("231", "drug payment class", false),
    SINGLE_DOSE("241", "single dose", true),
    DRUG_SUPPLEMENT("281", "drug supplement", true);

    private static final Map<String, RxRecordType> BY_NUMBER = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(RxRecordType::number, Function.identity()));

    private final String number;
    private final String description;
    private final boolean imported;

    RxRecordType(String number, String description, boolean imported) {
        this.number = number;
        this.description = description;
        this.imported = imported;
    }

    public String number() {
        return number;
    }

    public boolean imported() {
        return imported;
    }

    public String label() {
        return number + " (" + description + ")";
    }

    public static Optional<RxRecordType> byNumber(String number) {
        return Optional.ofNullable(BY_NUMBER.get(number));
    }
}
