package jp.renkei.hub.gateway.ss2;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import jp.renkei.hub.gateway.hl7.Hl7Dates;
import jp.renkei.hub.gateway.hl7.Hl7Segment;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * What every OBX mapping shares: the result status (OBX-11), the value by its type (OBX-2, OBX-5 with the unit
 * OBX-6), the time (OBX-14, else the OBR's) and the abnormal flag (OBX-8, including S/I/R of susceptibility).
 */
final class Ss2Observations {

    private Ss2Observations() {
    }

    static Observation.ObservationStatus status(Hl7Segment obx) {
        return switch (obx.get(11)) {
            case "C" -> Observation.ObservationStatus.CORRECTED;
            case "P", "I", "R", "S" -> Observation.ObservationStatus.PRELIMINARY;
            case "X", "D" -> Observation.ObservationStatus.CANCELLED;
            default -> Observation.ObservationStatus.FINAL;
        };
    }

    /**
     * A report's status from OBR-25 (P/I/R/S preliminary, C corrected, X cancelled); without one, final when all
     * its OBX are final, else partial.
     */
    static org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus reportStatus(Hl7Segment obr,
                                                                                       List<Hl7Segment> segments) {
        return switch (obr.get(25)) {
            case "P", "I", "R", "S" -> org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus.PRELIMINARY;
            case "C" -> org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus.CORRECTED;
            case "X" -> org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus.CANCELLED;
            default -> segments.stream().filter(s -> s.name().equals("OBX"))
                    .allMatch(obx -> status(obx) == Observation.ObservationStatus.FINAL)
                    ? org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus.FINAL
                    : org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus.PARTIAL;
        };
    }

    /** OBX-14, else the OBR's observation time (OBR-7). */
    static Optional<DateTimeType> effective(Hl7Segment obx, Hl7Segment obr) throws IngestFailure {
        Optional<DateTimeType> when = Hl7Dates.dateTime(obx, 14);
        return when.isPresent() ? when : Hl7Dates.dateTime(obr, 7);
    }

    /** Sets value[x] by OBX-2, or the data-absent reason when OBX-5 is empty. */
    static void value(Hl7Segment obx, Observation observation) throws IngestFailure {
        Optional<Type> value = value(obx);
        if (value.isPresent()) {
            observation.setValue(value.get());
        } else {
            observation.getDataAbsentReason().addCoding().setSystem(JpCoreSystems.DATA_ABSENT_REASON)
                    .setCode("unknown");
        }
    }

    /**
     * OBX-5 by OBX-2: NM a quantity; SN (comparator^number) a quantity with its comparator ({@code <=0.5}) or,
     * for ranges and ratios, the text; CWE/CE a concept; TS/DTM a dateTime; TM a time; anything else (ST, TX, FT)
     * the text.
     */
    static Optional<Type> value(Hl7Segment obx) throws IngestFailure {
        String raw = obx.get(5);
        String type = obx.get(2);
        if (raw.isEmpty() && !(type.equals("SN") && !obx.get(5, 2).isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(switch (type) {
            case "NM" -> Ss2Codes.quantity(Ss2Codes.number(raw, obx, 5).orElseThrow(), obx, 6);
            case "SN" -> structuredNumeric(obx);
            case "CWE", "CE" -> Ss2Codes.concept(obx, 5).orElseThrow();
            case "TS", "DTM" -> Hl7Dates.dateTime(raw, obx.at(5)).orElseThrow();
            case "TM" -> Hl7Dates.time(raw, obx.at(5)).orElseThrow();
            default -> new StringType(raw);
        });
    }

    private static Type structuredNumeric(Hl7Segment obx) throws IngestFailure {
        String comparator = obx.get(5, 1);
        String number = obx.get(5, 2);
        String separator = obx.get(5, 3);
        if (!separator.isEmpty()) {
            // a range (1-3) or a ratio (1:128): kept as written
            return new StringType((comparator + number + separator + obx.get(5, 4)).trim());
        }
        BigDecimal value = Ss2Codes.number(number, obx, 5).orElseThrow(
                () -> new IngestFailure("the structured numeric value has no number", obx.at(5, 2)));
        Quantity quantity = Ss2Codes.quantity(value, obx, 6);
        switch (comparator) {
            case "" , "=" -> { }
            case "<" -> quantity.setComparator(Quantity.QuantityComparator.LESS_THAN);
            case "<=" -> quantity.setComparator(Quantity.QuantityComparator.LESS_OR_EQUAL);
            case ">" -> quantity.setComparator(Quantity.QuantityComparator.GREATER_THAN);
            case ">=" -> quantity.setComparator(Quantity.QuantityComparator.GREATER_OR_EQUAL);
            default -> throw new IngestFailure("'" + comparator + "' is not an SN comparator (<, <=, =, >, >=)",
                    obx.at(5, 1));
        }
        return quantity;
    }

    /** OBX-8 (H, L, N, A, S, I, R …) as the v3 interpretation. */
    static Optional<CodeableConcept> interpretation(Hl7Segment obx) {
        String flag = obx.get(8);
        if (flag.isEmpty()) {
            return Optional.empty();
        }
        String display = switch (flag) {
            case "S" -> "Susceptible";
            case "I" -> "Intermediate";
            case "R" -> "Resistant";
            case "H" -> "High";
            case "L" -> "Low";
            case "N" -> "Normal";
            case "A" -> "Abnormal";
            default -> null;
        };
        CodeableConcept concept = new CodeableConcept();
        concept.addCoding().setSystem(JpCoreSystems.OBSERVATION_INTERPRETATION).setCode(flag).setDisplay(display);
        return Optional.of(concept);
    }

    /** OBX-3 as a concept: a coding in a known system, or the local code's text. */
    static CodeableConcept code(Hl7Segment obx) throws IngestFailure {
        CodeableConcept code = Ss2Codes.concept(obx, 3)
                .orElseThrow(() -> new IngestFailure("the observation code is missing", obx.at(3)));
        if (!code.hasText()) {
            code.setText(obx.get(3, 1));
        }
        return code;
    }
}
