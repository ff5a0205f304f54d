package jp.renkei.hub.fhir.dispensing;

import java.time.LocalDate;

import org.hl7.fhir.r4.model.Resource;

/**
 * One drug taken over a period, as one record says: a dispense (調剤), or a prescription that no visible
 * dispense fills.
 *
 * @param record            the MedicationDispense or MedicationRequest
 * @param drug              the drug's codes
 * @param start             first day (hand-over date, or the prescription's validity start / authoring date)
 * @param end               the day after the last day: the period is [start, end)
 * @param prescriber        who prescribed: the practitioner's reference or display, else the prescribing facility
 * @param prescribingFacility hub ID of the prescribing facility, "" when unknown
 * @param pharmacy          hub ID of the dispensing facility; "" for an undispensed prescription
 */
public record MedicationCourse(Resource record, DrugCode drug, LocalDate start, LocalDate end, String prescriber,
                               String prescribingFacility, String pharmacy) {

    /** Whether both periods share at least one day. */
    public boolean overlaps(MedicationCourse other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** Whether the other course came from another prescriber or another pharmacy. */
    public boolean fromElsewhere(MedicationCourse other) {
        return !prescriber.equals(other.prescriber) || !pharmacy.equals(other.pharmacy);
    }

    /** {@code MedicationDispense/12}. */
    public String recordId() {
        return record.getIdElement().toUnqualifiedVersionless().getValue();
    }

    /** The last day taken (inclusive), for people. */
    public LocalDate lastDay() {
        return end.minusDays(1);
    }
}
