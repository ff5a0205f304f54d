package jp.renkei.hub.gateway.jahis;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The records of a JAHIS e-medication-notebook (TC) file, by their record number (the first CSV field). */
public enum TcRecordType {
    PATIENT("1", "patient"),
    SPECIAL_NOTE("2", "patient special note"),
    OTC_DRUG("3", "OTC drug"),
    OTC_INGREDIENT("31", "OTC drug ingredient"),
    MEMO("4", "memo"),
    DISPENSING_DATE("5", "dispensing date"),
    PHARMACY("11", "pharmacy"),
    PHARMACIST("15", "pharmacist"),
    PRESCRIBING_FACILITY("51", "prescribing facility"),
    PRESCRIBER("55", "prescriber"),
    DRUG("201", "drug"),
    DRUG_SUPPLEMENT("281", "drug supplement"),
    DRUG_CAUTION("291", "drug caution"),
    USAGE("301", "usage"),
    USAGE_SUPPLEMENT("311", "usage supplement"),
    RP_CAUTION("391", "Rp caution"),
    DISPENSING_CAUTION("401", "dispensing caution"),
    PROVIDED_INFORMATION("411", "information from the dispensing facility"),
    REMAINING_MEDICINE("421", "remaining medicine"),
    REMARKS("501", "remarks"),
    PATIENT_NOTE("601", "patient note"),
    PRIMARY_PHARMACIST("701", "primary pharmacist"),
    SPLIT_CONTROL("911", "split control");

    private static final Map<String, TcRecordType> BY_NUMBER = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(TcRecordType::number, Function.identity()));

    private final String number;
    private final String description;

    TcRecordType(String number, String description) {
        this.number = number;
        this.description = description;
    }

    public String number() {
        return number;
    }

    /** {@code "201 (drug)"}: how error messages name the record. */
    public String label() {
        return number + " (" + description + ")";
    }

    public static Optional<TcRecordType> byNumber(String number) {
        return Optional.ofNullable(BY_NUMBER.get(number));
    }
}
