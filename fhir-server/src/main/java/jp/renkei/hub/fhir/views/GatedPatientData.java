package jp.renkei.hub.fhir.views;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.consent.ConsentGate;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.access.FhirRequesters;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Loads one person's data across facilities for a view and keeps what the consent gate shows the requester.
 *
 * <p>The data is read as the hub (DAO, {@link SystemRequestDetails}), one search per resource type over all
 * the person's Patient IDs; then every resource, the Patients included, is put to the gate's own decision
 * ({@link ConsentGate#mayShow}) with the operation's request, which keeps the decisions for the request and
 * writes one audit entry per request and patient. Nothing the gate rejects is returned; only the facility it
 * came from is, as "withheld".
 *
 * <p>A requester whose facility holds no Patient of this person itself and to whom the gate shows nothing of
 * other facilities is refused (403): the view would otherwise tell any facility that knows an event number
 * which facilities treat the patient.
 */
@Component
public class GatedPatientData {

    private final DaoRegistry daos;
    private final ConsentGate gate;

    public GatedPatientData(DaoRegistry daos, ConsentGate gate) {
        this.daos = daos;
        this.gate = gate;
    }

    /**
     * The visible resources of {@code types} about the person, with the Patients themselves.
     *
     * @throws ForbiddenOperationException when the requester has neither an own record nor a consent here
     */
    public PatientData load(RequestDetails request, PatientRecord record, Collection<String> types) {
        return load(request, record, types, (type, map) -> { });
    }

    /** As {@link #load(RequestDetails, PatientRecord, Collection)}, each type's search narrowed first. */
    public PatientData load(RequestDetails request, PatientRecord record, Collection<String> types,
                            BiConsumer<String, SearchParameterMap> narrowing) {
        Requester principal = FhirRequesters.of(request)
                .orElseThrow(() -> new AuthenticationException("the clinical views need an authenticated hub principal"));
        String requester = principal.facilityId();
        List<Resource> loaded = new ArrayList<>(record.patients());
        if (!record.patients().isEmpty()) {
            for (String type : types) {
                loaded.addAll(search(type, record.patientIds(), narrowing));
            }
        }
        List<Resource> visible = new ArrayList<>();
        Set<String> withheld = new TreeSet<>();
        boolean othersShown = false;
        for (Resource resource : loaded) {
            List<String> sources = SourceFacilityStamp.sourcesOf(resource);
            if (gate.mayShow(request, resource)) {
                visible.add(resource);
                othersShown |= sources.stream().anyMatch(s -> !s.equals(requester));
            } else {
                sources.stream().filter(s -> !s.equals(requester)).forEach(withheld::add);
            }
        }
        if (!othersShown && !EventNumberPatients.holdsOwnRecord(record, requester)) {
            throw new ForbiddenOperationException("Your facility holds no record of this patient and no consent"
                    + " of the patient opens another facility's data to it: link the patient to your facility"
                    + " (POST /api/patients/links) or record the patient's consent (POST /api/consents) first");
        }
        return new PatientData(requester, record, visible, withheld);
    }

    private List<Resource> search(String type, List<String> patientIds,
                                  BiConsumer<String, SearchParameterMap> narrowing) {
        ReferenceOrListParam patients = new ReferenceOrListParam();
        patientIds.forEach(id -> patients.addOr(new ReferenceParam("Patient/" + id)));
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add("patient", patients);
        narrowing.accept(type, map);
        List<IBaseResource> found = daos.getResourceDao(type).search(map, new SystemRequestDetails()).getAllResources();
        return found.stream().map(Resource.class::cast).toList();
    }
}
