package jp.renkei.hub.fhir.views;

import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.hub.fhir.patient.EventNumberReferences;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.patient.PatientStore;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Finds the Patient resources of one person: by event number (every facility has its own Patient carrying the
 * number; a merged, retired number resolves to its survivor), or from one Patient's ID. Reads as the hub: what
 * the requester may see of them is the consent gate's business, decided later per resource.
 */
@Component
public class EventNumberPatients {

    private final PatientCrossReference crossReference;
    private final PatientStore patients;
    private final DaoRegistry daos;

    public EventNumberPatients(PatientCrossReference crossReference, PatientStore patients, DaoRegistry daos) {
        this.crossReference = crossReference;
        this.patients = patients;
        this.daos = daos;
    }

    /**
     * The person with event number {@code text} ({@code 1234-5678-9012-3456} or 16 digits).
     *
     * A number the hub never issued is a person without records: the requester then gets the same answer as
     * for a person it has no record of and no consent for, so a view does not tell which numbers exist.
     *
     * @throws InvalidRequestException (400) when the text is not a well-formed event number
     */
    public PatientRecord byEventNumber(String parameter, String text) {
        EventNumber number = parse(parameter, text);
        Optional<EventNumber> survivor = crossReference.resolve(number);
        return new PatientRecord(survivor.or(() -> Optional.of(number)), survivor
                .map(n -> patients.byIdentifier(HubSystems.EVENT_NUMBER, n.formatted())).orElse(List.of()));
    }

    /**
     * The person of {@code Patient/<patientId>}: everybody's Patients with its event number, or only this
     * Patient when it has none (its own facility's data then, since nothing links it to other facilities).
     * A Patient that neither exists nor belongs to a person the requester's facility may address is 404.
     */
    public PatientRecord byPatientId(String patientId) {
        Patient patient;
        try {
            patient = (Patient) daos.getResourceDao("Patient").read(new IdType("Patient", patientId),
                    new SystemRequestDetails());
        } catch (BaseServerResponseException notFoundOrGone) {
            throw new ResourceNotFoundException(new IdType("Patient", patientId));
        }
        Optional<EventNumber> number = eventNumberOf(patient).flatMap(crossReference::resolve);
        return number.map(n -> new PatientRecord(number, patients.byIdentifier(HubSystems.EVENT_NUMBER, n.formatted())))
                .orElseGet(() -> new PatientRecord(Optional.empty(), List.of(patient)));
    }

    /** Whether {@code facilityId} holds a Patient of this person itself (its own record of treating them). */
    public static boolean holdsOwnRecord(PatientRecord record, String facilityId) {
        return record.patients().stream().anyMatch(p -> SourceFacilityStamp.sourcesOf(p).contains(facilityId));
    }

    static Optional<EventNumber> eventNumberOf(Patient patient) {
        return patient.getIdentifier().stream()
                .filter(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()) && i.hasValue())
                .filter(i -> i.getUse() != Identifier.IdentifierUse.OLD)
                .findFirst()
                .map(i -> EventNumber.parse(i.getValue()));
    }

    private static EventNumber parse(String parameter, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(parameter + " is required: the patient's event number, e.g."
                    + " 1234-5678-9012-3456 (or Patient/<id>/$operation for a Patient of your facility)");
        }
        return EventNumberReferences.parse(parameter, text);
    }
}
