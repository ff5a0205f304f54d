package jp.renkei.hub.gateway.ss2;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;

/**
 * HL7 v2 coded values (CWE/CE: code^text^coding system, alternate in components 4-6) and numbers as FHIR: the
 * coding-system names of SS-MIX2 and JAHIS turned into the JP Core 1.1.x system URIs, in one place. Local
 * tables (99xxx) have no URI: only their text is kept.
 */
public final class Ss2Codes {

    private static final Map<String, String> SYSTEMS = Map.of(
            "JC10", JpCoreSystems.JLAC10,
            "HOT9", JpCoreSystems.HOT9,
            "YJ", JpCoreSystems.YJ,
            "MR9P", JpCoreSystems.MERIT9_UNIT,
            "JAMISDP01", JpCoreSystems.JAMI_DOSAGE,
            "MDCDX2", JpCoreSystems.MEDIS_DISEASE,
            "I10", JpCoreSystems.ICD10,
            "HL70162", JpCoreSystems.ROUTE);

    /** HL7 v2 ISO+ unit spellings that UCUM writes differently (UCUM is case-sensitive and has no "hr"). */
    private static final Map<String, String> UCUM_SPELLINGS = Map.of(
            "ml", "mL", "dl", "dL", "l", "L", "hr", "h", "ml/hr", "mL/h", "ml/min", "mL/min", "mg/dl", "mg/dL",
            "g/dl", "g/dL");

    private Ss2Codes() {
    }

    public static Optional<String> system(String hl7CodingSystem) {
        return Optional.ofNullable(SYSTEMS.get(hl7CodingSystem));
    }

    /** The field's first repetition as a concept (empty when the field is). */
    public static Optional<CodeableConcept> concept(Hl7Segment segment, int field) {
        return concept(segment, field, 0);
    }

    public static Optional<CodeableConcept> concept(Hl7Segment segment, int field, int repetition) {
        CodeableConcept concept = new CodeableConcept();
        coding(segment.get(field, repetition, 1, 1), segment.get(field, repetition, 2, 1),
                segment.get(field, repetition, 3, 1)).ifPresent(concept::addCoding);
        coding(segment.get(field, repetition, 4, 1), segment.get(field, repetition, 5, 1),
                segment.get(field, repetition, 6, 1)).ifPresent(concept::addCoding);
        String text = segment.get(field, repetition, 2, 1);
        if (text.isEmpty()) {
            text = segment.get(field, repetition, 5, 1);
        }
        if (!text.isEmpty()) {
            concept.setText(text);
        }
        return concept.hasCoding() || concept.hasText() ? Optional.of(concept) : Optional.empty();
    }

    /** A coding for a code in a known system; none for local tables. */
    public static Optional<Coding> coding(String code, String display, String hl7System) {
        Optional<String> system = system(hl7System);
        if (code.isEmpty() || system.isEmpty()) {
            return Optional.empty();
        }
        Coding coding = new Coding().setSystem(system.get()).setCode(code);
        if (!display.isEmpty()) {
            coding.setDisplay(display);
        }
        return Optional.of(coding);
    }

    /** The field's code when it is in {@code hl7System}, else a failure naming the field. */
    public static Coding requireCoding(Hl7Segment segment, int field, String what) throws IngestFailure {
        String code = segment.get(field, 1);
        String hl7System = segment.get(field, 3);
        if (code.isEmpty()) {
            throw new IngestFailure(what + " is missing", segment.at(field));
        }
        return coding(code, segment.get(field, 2), hl7System).orElseThrow(() -> new IngestFailure(what + " '" + code
                + "' is in coding system '" + hl7System + "', which the hub does not map", segment.at(field, 3)));
    }

    /** A decimal number from a field (NM), or a failure naming the field. */
    public static Optional<BigDecimal> number(Hl7Segment segment, int field) throws IngestFailure {
        return number(segment.get(field), segment, field);
    }

    public static Optional<BigDecimal> number(String value, Hl7Segment segment, int field) throws IngestFailure {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value));
        } catch (NumberFormatException e) {
            throw new IngestFailure("'" + value + "' is not a number", segment.at(field));
        }
    }

    /** An amount with a unit given as a CWE (code^text^system) in {@code unitField}. */
    public static Quantity quantity(BigDecimal value, Hl7Segment segment, int unitField) {
        Quantity quantity = new Quantity().setValue(value);
        String code = segment.get(unitField, 1);
        String text = segment.get(unitField, 2);
        String hl7System = segment.get(unitField, 3);
        quantity.setUnit(text.isEmpty() ? code : text);
        if ("ISO+".equals(hl7System) || "ANS+".equals(hl7System)) {
            quantity.setSystem(JpCoreSystems.UCUM).setCode(UCUM_SPELLINGS.getOrDefault(code, code));
        } else {
            system(hl7System).ifPresent(system -> quantity.setSystem(system).setCode(code));
        }
        return quantity;
    }
}
