package jp.renkei.hub.core.facility;

import java.util.Optional;

/**
 * What sort of participant a facility is. Facilities billing under a medical fee schedule are known by a
 * 10-digit medical-institution code whose fee-schedule digit names that schedule; the kind says whether a
 * facility must, may or must not have one, and which digit it carries.
 */
public enum FacilityKind {
    HOSPITAL("a hospital", CodeRule.REQUIRED, '1'),
    CLINIC("a clinic", CodeRule.REQUIRED, '1'),
    DENTAL_CLINIC("a dental clinic", CodeRule.REQUIRED, '3'),
    PHARMACY("a pharmacy", CodeRule.REQUIRED, '4'),
    VISITING_NURSE_STATION("a visiting-nurse station", CodeRule.OPTIONAL, '6'),
    CARE_MANAGEMENT_OFFICE("a care-management office", CodeRule.FORBIDDEN, ' '),
    CARE_FACILITY("a care facility", CodeRule.FORBIDDEN, ' '),
    LAB_CENTER("a lab center", CodeRule.FORBIDDEN, ' '),
    MUNICIPALITY("a municipality", CodeRule.FORBIDDEN, ' '),
    HUB_OPERATOR("the hub operator", CodeRule.FORBIDDEN, ' ');

    private enum CodeRule { REQUIRED, OPTIONAL, FORBIDDEN }

    private final String description;
    private final CodeRule codeRule;
    private final char feeScheduleType;

    FacilityKind(String description, CodeRule codeRule, char feeScheduleType) {
        this.description = description;
        this.codeRule = codeRule;
        this.feeScheduleType = feeScheduleType;
    }

    /**
     * What is wrong with giving a facility of this kind the code {@code code} ({@code null}: no code),
     * or empty when nothing is.
     */
    public Optional<String> codeProblem(MedicalInstitutionCode code) {
        if (code == null) {
            return codeRule == CodeRule.REQUIRED
                    ? Optional.of(description + " must have a medical-institution code")
                    : Optional.empty();
        }
        if (codeRule == CodeRule.FORBIDDEN) {
            return Optional.of(description + " must not have a medical-institution code");
        }
        if (code.feeScheduleType() != feeScheduleType) {
            return Optional.of(description + "'s code has fee-schedule digit " + feeScheduleType
                    + ", not " + code.feeScheduleType());
        }
        return Optional.empty();
    }
}
