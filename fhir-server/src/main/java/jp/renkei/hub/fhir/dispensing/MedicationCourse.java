package jp.renkei.hub.fhir.dispensing;

import java.time.LocalDate;

import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Resource;

/**
 * One drug taken over a period, as one record says: a dispense (調剤), a prescription that no visible dispense
 * fills, or a drug the patient takes without prescription (OTC, a MedicationStatement).
 *
 * @param record     the MedicationDispense, MedicationRequest or MedicationStatement
 * @param drug       the drug's codes
 * @param start      first day (hand-over date, the prescription's validity start / authoring date, or the start the
 *                   statement gives)
 * @param end        the day after the last day: the period is [start, end)
 * @param prescriber who prescribed, as the record names them (doctor and institution); for an OTC drug the
 *                   patient's own choice, one per statement
 * @param pharmacy   the dispensing pharmacy the record names (else its source facility); {@link Party#NONE} for an
 *                   undispensed prescription or an OTC drug
 */
public record MedicationCourse(Resource record, DrugCode drug, LocalDate start, LocalDate end, Party prescriber,
                               Party pharmacy) {

    /** Whether both periods share at least one day. */
    public boolean overlaps(MedicationCourse other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** Whether the other course came from another prescriber or another pharmacy. */
    public boolean fromElsewhere(MedicationCourse other) {
        return !prescriber.key().equals(other.prescriber.key()) || !pharmacy.key().equals(other.pharmacy.key());
    }

    /** Whether this is a drug the patient takes without prescription. */
    public boolean otc() {
        return record instanceof MedicationStatement;
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
