package jp.renkei.hub.fhir.views;

import java.util.List;
import java.util.Optional;

import jp.renkei.hub.core.patient.EventNumber;
import org.hl7.fhir.r4.model.Patient;

/**
 * One person as the FHIR store knows them: every facility's Patient resource that carries the (surviving)
 * event number, or a single facility's Patient that has no event number yet.
 *
 * @param eventNumber empty for a Patient not linked to an event number
 * @param patients    the Patient resources, as stored (read as the hub: not yet filtered by the gate)
 */
public record PatientRecord(Optional<EventNumber> eventNumber, List<Patient> patients) {

    public PatientRecord {
        patients = List.copyOf(patients);
    }

    /** The Patients' logical IDs, e.g. {@code 123}. */
    public List<String> patientIds() {
        return patients.stream().map(p -> p.getIdElement().getIdPart()).toList();
    }
}
