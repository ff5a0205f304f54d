package jp.renkei.hub.fhir.consent;

import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.HubSystems;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jp.renkei.hub.fhir.access.FhirRequesters;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Stamps every resource a facility writes with {@link HubSystems#SOURCE_FACILITY} = the writer's acting
 * facility, replacing whatever source tag the client sent: a client cannot claim that its data came from
 * another facility (which would let it borrow that facility's consents or hide data from it). The hub's own
 * writes (no principal: demo loader, identifier sync) keep the tag they carry.
 */
@Component
@Interceptor
public class SourceFacilityStamp {

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        stamp(resource, request);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
        stamp(newResource, request);
    }

    private static void stamp(IBaseResource resource, RequestDetails request) {
        Optional<Requester> principal = FhirRequesters.of(request);
        if (principal.isEmpty() || !(resource instanceof Resource r)) {
            return;
        }
        tag(r, principal.get().facilityId());
    }

    /** The facilities a resource came from (the codes of its source-facility tags; normally exactly one). */
    public static List<String> sourcesOf(Resource resource) {
        return resource.getMeta().getTag().stream()
                .filter(t -> HubSystems.SOURCE_FACILITY.equals(t.getSystem()) && t.hasCode())
                .map(Coding::getCode)
                .distinct()
                .toList();
    }

    /** Makes {@code facilityId} the resource's only source-facility tag. */
    public static void tag(Resource resource, String facilityId) {
        resource.getMeta().getTag().removeIf(t -> HubSystems.SOURCE_FACILITY.equals(t.getSystem()));
        resource.getMeta().addTag(new Coding(HubSystems.SOURCE_FACILITY, facilityId, null));
    }
}
