package jp.renkei.hub.fhir.patient;

import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.fhir.HubSystems;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Event-number identifiers are the hub's, not the writer's: whenever a facility or its system creates or
 * updates a Patient, whatever it sent under {@link HubSystems#EVENT_NUMBER} is replaced by what the
 * cross-reference says for that facility's own local ID. Otherwise a gateway could wipe a patient's number
 * by re-sending its Patient, or claim another patient's number and mix two people's records.
 * The hub's own writes (no principal: identifier sync, demo loader) are left alone.
 */
@Component
@Interceptor
public class PatientIdentifierGuard {

    private final PatientCrossReference crossReference;
    private final ActingFacilities facilities;

    public PatientIdentifierGuard(PatientCrossReference crossReference, ActingFacilities facilities) {
        this.crossReference = crossReference;
        this.facilities = facilities;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        stamp(resource, request);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
        stamp(newResource, request);
    }

    private void stamp(IBaseResource resource, RequestDetails request) {
        if (!(resource instanceof Patient patient)) {
            return;
        }
        Optional<ActingFacility> acting = facilities.current(request);
        if (acting.isEmpty()) {
            return;
        }
        EventNumberReferences.refuseAsResourceId(patient.getIdElement().getIdPart());
        Optional<EventNumber> number = patient.getIdentifier().stream()
                .filter(i -> acting.get().isOwnLocalSystem(i.getSystem()) && i.hasValue())
                .map(i -> crossReference.eventNumberOf(new FacilityPatientId(acting.get().facilityId(), i.getValue())))
                .flatMap(Optional::stream)
                .findFirst();
        List<Identifier> wanted = EventNumberIdentifiers.wanted(number,
                number.map(crossReference::retiredInto).orElse(List.of()));
        patient.getIdentifier().removeIf(i -> HubSystems.EVENT_NUMBER.equals(i.getSystem()));
        wanted.forEach(patient::addIdentifier);
    }
}
