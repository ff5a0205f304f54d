package jp.renkei.hub.gateway.ingest;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Resource;

/**
 * How a cancelled (or dropped) source item shows in FHIR: the resource stays, with the status each type has for
 * "this should not have existed". An order that was cancelled is {@code cancelled}; recorded facts are
 * {@code entered-in-error}. Never a delete: readers and audits keep seeing what was once stated.
 */
public final class CancelledStatus {

    private static final String CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final String ALLERGY_STATUS = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

    private CancelledStatus() {
    }

    /** Marks {@code resource} in place; returns false for a type that has no such status. */
    public static boolean mark(Resource resource) {
        if (resource instanceof MedicationRequest r) {
            r.setStatus(MedicationRequest.MedicationRequestStatus.CANCELLED);
        } else if (resource instanceof MedicationAdministration r) {
            r.setStatus(MedicationAdministration.MedicationAdministrationStatus.ENTEREDINERROR);
        } else if (resource instanceof MedicationDispense r) {
            r.setStatus(MedicationDispense.MedicationDispenseStatus.ENTEREDINERROR);
        } else if (resource instanceof MedicationStatement r) {
            r.setStatus(MedicationStatement.MedicationStatementStatus.ENTEREDINERROR);
        } else if (resource instanceof Observation r) {
            r.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        } else if (resource instanceof DiagnosticReport r) {
            r.setStatus(DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR);
        } else if (resource instanceof Encounter r) {
            r.setStatus(Encounter.EncounterStatus.ENTEREDINERROR);
        } else if (resource instanceof Condition r) {
            // FHIR forbids a clinical status on an entered-in-error condition.
            r.setClinicalStatus(null);
            r.setVerificationStatus(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding()
                    .setSystem(CLINICAL_STATUS).setCode("entered-in-error")));
        } else if (resource instanceof AllergyIntolerance r) {
            r.setClinicalStatus(null);
            r.setVerificationStatus(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding()
                    .setSystem(ALLERGY_STATUS).setCode("entered-in-error")));
        } else if (resource instanceof ServiceRequest r) {
            r.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
        } else if (resource instanceof Procedure r) {
            r.setStatus(Procedure.ProcedureStatus.ENTEREDINERROR);
        } else if (resource instanceof DocumentReference r) {
            r.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.ENTEREDINERROR);
        } else if (resource instanceof Patient r) {
            r.setActive(false);
        } else {
            return false;
        }
        return true;
    }
}
