package jp.renkei.hub.fhir.summary;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * One line of a summary section as people read it: when, what, and the details.
 *
 * @param date   the day that orders the section (newest first); {@code null} when the record has none
 * @param what   the diagnosis, test, drug…
 * @param detail value, status, dosage… ({@code ""} when there is nothing more)
 */
public record SummaryRow(LocalDate date, String what, String detail) {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    public static SummaryRow of(Resource resource) {
        if (resource instanceof Condition c) {
            return new SummaryRow(day(c.hasOnsetDateTimeType() ? c.getOnsetDateTimeType().getValue() : c.getRecordedDate()),
                    text(c.getCode()), join(text(c.getClinicalStatus()), text(c.getVerificationStatus())));
        }
        if (resource instanceof AllergyIntolerance a) {
            return new SummaryRow(day(a.getRecordedDate()), text(a.getCode()), join(
                    a.hasCriticality() ? "重篤度: " + a.getCriticality().getDisplay() : "",
                    a.getReaction().stream().flatMap(r -> r.getManifestation().stream()).map(SummaryRow::text)
                            .collect(Collectors.joining("、"))));
        }
        if (resource instanceof Observation o) {
            String value = o.hasValueQuantity() ? quantity(o.getValueQuantity())
                    : o.hasValueCodeableConcept() ? text(o.getValueCodeableConcept())
                    : o.hasValueStringType() ? o.getValueStringType().getValue() : "";
            Observation.ObservationReferenceRangeComponent range = o.getReferenceRangeFirstRep();
            String reference = range.hasText() ? range.getText() : range.hasLow() || range.hasHigh()
                    ? (range.hasLow() ? range.getLow().getValue().toPlainString() : "") + "〜"
                    + (range.hasHigh() ? range.getHigh().getValue().toPlainString() : "") : "";
            String flag = o.getInterpretation().stream().flatMap(c -> c.getCoding().stream()).map(Coding::getCode)
                    .filter(code -> code != null && !"N".equals(code)).collect(Collectors.joining(","));
            return new SummaryRow(day(o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValue() : o.getIssued()),
                    text(o.getCode()), join(value, reference.isEmpty() ? "" : "基準値 " + reference, flag));
        }
        if (resource instanceof MedicationRequest m) {
            return new SummaryRow(day(m.getAuthoredOn()), text(m.getMedicationCodeableConcept()), join(
                    m.getDosageInstruction().stream().filter(d -> d.hasText()).map(d -> d.getText()).findFirst().orElse(""),
                    m.getDispenseRequest().hasExpectedSupplyDuration()
                            ? quantity(m.getDispenseRequest().getExpectedSupplyDuration()) : ""));
        }
        if (resource instanceof MedicationDispense d) {
            return new SummaryRow(day(d.hasWhenHandedOver() ? d.getWhenHandedOver() : d.getWhenPrepared()),
                    text(d.getMedicationCodeableConcept()), join(d.hasQuantity() ? quantity(d.getQuantity()) : "",
                    d.hasDaysSupply() ? quantity(d.getDaysSupply()) : ""));
        }
        if (resource instanceof Encounter e) {
            return new SummaryRow(day(e.getPeriod().getStart()),
                    e.hasType() ? text(e.getTypeFirstRep()) : e.getClass_().hasDisplay() ? e.getClass_().getDisplay()
                            : e.getClass_().getCode() == null ? "受診" : e.getClass_().getCode(),
                    e.hasStatus() ? e.getStatus().toCode() : "");
        }
        if (resource instanceof ImagingStudy i) {
            return new SummaryRow(day(i.getStarted()), i.hasDescription() ? i.getDescription() : "画像検査",
                    i.getModality().stream().map(Coding::getCode).collect(Collectors.joining(",")));
        }
        return new SummaryRow(null, resource.fhirType(), "");
    }

    static String text(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return "";
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
                .filter(s -> s != null).findFirst().orElse("");
    }

    private static String quantity(Quantity quantity) {
        // a value may be only an extension (data-absent-reason: a notebook left the amount empty)
        String value = quantity.getValue() != null ? quantity.getValue().toPlainString() : "";
        String unit = quantity.hasUnit() ? quantity.getUnit() : quantity.hasCode() ? quantity.getCode() : "";
        return (value + " " + unit).trim();
    }

    private static String join(String... parts) {
        return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).collect(Collectors.joining(" / "));
    }

    private static LocalDate day(Date date) {
        return date == null ? null : date.toInstant().atZone(JAPAN).toLocalDate();
    }
}
