package jp.renkei.hub.fhir.patient;

import java.util.List;

import org.hl7.fhir.r4.model.Patient;

/** The FHIR store's Patients as this feature needs them, always read and written as the hub itself. */
public interface PatientStore {

    /** Patients carrying {@code system|value}. */
    List<Patient> byIdentifier(String system, String value);

    /** The IDs of the Patients carrying {@code system|value}, without reading the Patients. */
    default List<String> idsByIdentifier(String system, String value) {
        return byIdentifier(system, value).stream().map(p -> p.getIdElement().getIdPart()).toList();
    }

    /** Writes the Patient back under its own ID. */
    void update(Patient patient);
}
