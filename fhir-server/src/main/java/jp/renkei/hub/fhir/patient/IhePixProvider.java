package jp.renkei.hub.fhir.patient;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.fhir.HubSystems;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.stereotype.Component;

/**
 * {@code Patient/$ihe-pix} in the manner of IHE PIXm (ITI-83): given one identifier of a patient, answers
 * the patient's event number and the asking facility's own local IDs and Patient resources for it. Another
 * facility's local IDs are never part of an answer; a facility asking by another facility's local ID is
 * refused, since answering would confirm that ID to a facility that has no business knowing it.
 */
@Component
public class IhePixProvider {

    public static final String OPERATION = "$ihe-pix";

    private final PatientCrossReference crossReference;
    private final ActingFacilities facilities;
    private final PatientStore patients;

    public IhePixProvider(PatientCrossReference crossReference, ActingFacilities facilities, PatientStore patients) {
        this.crossReference = crossReference;
        this.facilities = facilities;
        this.patients = patients;
    }

    @Operation(name = OPERATION, type = Patient.class, idempotent = true)
    public Parameters pix(
            @OperationParam(name = "sourceIdentifier", min = 1, max = 1) TokenParam sourceIdentifier,
            @OperationParam(name = "targetSystem", max = OperationParam.MAX_UNLIMITED) List<UriType> targetSystems,
            RequestDetails request) {
        ActingFacility facility = jp.renkei.hub.fhir.access.FhirRequesters.of(request)
                .map(requester -> facilities.of(requester.facilityId()))
                .orElseThrow(() -> new AuthenticationException("$ihe-pix needs an authenticated hub principal"));
        Set<String> wanted = targetSystems(targetSystems, facility);
        EventNumber number = resolve(sourceIdentifier, facility);

        Parameters answer = new Parameters();
        if (wanted.isEmpty() || wanted.contains(HubSystems.EVENT_NUMBER)) {
            answer.addParameter().setName("targetIdentifier").setValue(new Identifier()
                    .setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(HubSystems.EVENT_NUMBER)
                    .setValue(number.formatted()));
        }
        if (facility.localSystem().isPresent()) {
            String own = facility.localSystem().get();
            List<String> localIds = crossReference.localIdsOf(number, facility.facilityId());
            if (wanted.isEmpty() || wanted.contains(own)) {
                localIds.forEach(id -> answer.addParameter().setName("targetIdentifier")
                        .setValue(new Identifier().setSystem(own).setValue(id)));
            }
            for (String id : localIds) {
                patients.byIdentifier(own, id).forEach(patient -> answer.addParameter().setName("targetId")
                        .setValue(new Reference(patient.getIdElement().toUnqualifiedVersionless().getValue())));
            }
        }
        return answer;
    }

    private EventNumber resolve(TokenParam source, ActingFacility facility) {
        String system = source.getSystem();
        String value = source.getValue();
        if (system == null || system.isBlank() || value == null || value.isBlank()) {
            throw new InvalidRequestException("sourceIdentifier must be given as system|value, e.g. "
                    + HubSystems.EVENT_NUMBER + "|1234-5678-9012-3456");
        }
        if (HubSystems.EVENT_NUMBER.equals(system)) {
            EventNumber number = parse(value);
            return crossReference.resolve(number).orElseThrow(() -> new ResourceNotFoundException(
                    "event number " + number.formatted() + " was never issued by the hub"));
        }
        if (facility.isOwnLocalSystem(system)) {
            return crossReference.eventNumberOf(new FacilityPatientId(facility.facilityId(), value))
                    .orElseThrow(() -> new ResourceNotFoundException("local patient ID " + value
                            + " of your facility is not linked to an event number"));
        }
        throw refusal(system, "sourceIdentifier", facility);
    }

    private static Set<String> targetSystems(List<UriType> targetSystems, ActingFacility facility) {
        Set<String> wanted = (targetSystems == null ? List.<UriType>of() : targetSystems).stream()
                .map(UriType::getValue).filter(Objects::nonNull).collect(Collectors.toSet());
        for (String system : wanted) {
            if (!HubSystems.EVENT_NUMBER.equals(system) && !facility.isOwnLocalSystem(system)) {
                throw refusal(system, "targetSystem", facility);
            }
        }
        return wanted;
    }

    /** 403 for another facility's local system (use the event number), 400 for a system the hub does not know. */
    private static RuntimeException refusal(String system, String parameter, ActingFacility facility) {
        if (ActingFacility.isLocalSystem(system)) {
            return new ForbiddenOperationException(parameter + " " + system + " is another facility's local"
                    + " patient-ID system: use the event number (" + HubSystems.EVENT_NUMBER + ")");
        }
        List<String> known = new ArrayList<>(List.of(HubSystems.EVENT_NUMBER));
        facility.localSystem().ifPresent(known::add);
        return new InvalidRequestException(parameter + " system " + system + " is not known here; use one of "
                + String.join(", ", known));
    }

    private static EventNumber parse(String value) {
        try {
            return EventNumber.parse(value);
        } catch (ApiException e) {
            throw new InvalidRequestException("sourceIdentifier " + value + " is not a valid event number: "
                    + e.fieldErrors().getOrDefault("eventNumber", e.getMessage()));
        }
    }
}
