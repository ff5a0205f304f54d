package jp.renkei.hub.fhir.patient;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.MedicalInstitutionCode;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Finds the facility a FHIR request acts for, from the requester captured with the request
 * ({@link jp.renkei.hub.fhir.access.FhirRequesters}); requests the hub makes itself (through HAPI's DAOs with a
 * {@code SystemRequestDetails}) have none and are not restricted here.
 */
@Component
public class ActingFacilities {

    private static final String USER_DATA_KEY = ActingFacilities.class.getName();

    private final Function<String, Optional<MedicalInstitutionCode>> codes;

    @Autowired
    public ActingFacilities(FacilityRegistry registry) {
        this(id -> registry.find(id).map(Facility::medicalInstitutionCode));
    }

    /** Looks facility codes up with {@code codes} (the registry, or a stand-in in tests). */
    ActingFacilities(Function<String, Optional<MedicalInstitutionCode>> codes) {
        this.codes = codes;
    }

    /** The acting facility of the request's requester, looked up once per request and kept with it. */
    public Optional<ActingFacility> current(RequestDetails request) {
        Optional<HubPrincipal> principal = jp.renkei.hub.fhir.access.FhirRequesters.of(request).map(Requester::principal);
        if (principal.isEmpty()) {
            return Optional.empty();
        }
        if (request != null && request.getUserData().get(USER_DATA_KEY) instanceof ActingFacility known
                && Objects.equals(known.facilityId(), principal.get().actingFacilityId())) {
            return Optional.of(known);
        }
        ActingFacility facility = of(principal.get().actingFacilityId());
        if (request != null) {
            request.getUserData().put(USER_DATA_KEY, facility);
        }
        return Optional.of(facility);
    }

    /** The facility with its local system; a facility unknown to the registry has no local system. */
    public ActingFacility of(String facilityId) {
        return new ActingFacility(facilityId, localSystemOf(facilityId));
    }

    public Optional<String> localSystemOf(String facilityId) {
        return codes.apply(facilityId)
                .map(code -> JpCoreSystems.facilityPatientIdSystem(code.value()));
    }
}
