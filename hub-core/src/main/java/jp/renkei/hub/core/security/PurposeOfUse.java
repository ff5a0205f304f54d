package jp.renkei.hub.core.security;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Why a request is made: the HL7 v3 PurposeOfUse codes (ActReason) the hub accepts, sent by a client in the
 * {@value #HEADER} header. Every access decision records it, so that a review of the audit trail can tell
 * emergency treatment from routine care or research.
 */
public enum PurposeOfUse {

    /** Treatment: the default when a client names none. */
    TREAT("診療"),
    ETREAT("救急診療"),
    HOPERAT("医療機関の運営業務"),
    PATRQT("患者本人の求め"),
    PUBHLTH("公衆衛生"),
    HRESCH("医学研究");

    /** The request header that names the purpose of use. */
    public static final String HEADER = "X-Purpose-Of-Use";

    /** The code system of the codes, for FHIR and IHE representations. */
    public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /** How much of an unknown value an error message repeats. */
    private static final int ECHO_MAX = 40;

    private final String label;

    PurposeOfUse(String label) {
        this.label = label;
    }

    /** The Japanese name of the purpose, for people to read. */
    public String label() {
        return label;
    }

    /**
     * The purpose a {@value #HEADER} header value names: TREAT when there is none (null or blank), otherwise
     * exactly one of the codes (surrounding spaces ignored, case as HL7 writes them).
     *
     * @throws UnknownPurposeOfUseException when the value is not one of the codes
     */
    public static PurposeOfUse parse(String header) {
        if (header == null || header.isBlank()) {
            return TREAT;
        }
        String code = header.strip();
        for (PurposeOfUse purpose : values()) {
            if (purpose.name().equals(code)) {
                return purpose;
            }
        }
        throw new UnknownPurposeOfUseException("Unknown purpose of use '" + echo(code) + "' in " + HEADER
                + ": the hub accepts " + accepted() + " (TREAT when the header is absent)");
    }

    /** Every accepted code with its label, e.g. "TREAT (診療), ETREAT (救急診療), …". */
    public static String accepted() {
        return Arrays.stream(values()).map(p -> p.name() + " (" + p.label + ")").collect(Collectors.joining(", "));
    }

    private static String echo(String value) {
        return value.length() <= ECHO_MAX ? value : value.substring(0, ECHO_MAX) + "…";
    }
}
