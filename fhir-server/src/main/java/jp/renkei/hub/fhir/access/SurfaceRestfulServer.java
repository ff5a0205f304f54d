package jp.renkei.hub.fhir.access;

import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.fhir.consent.DataCategories;

/**
 * The hub's FHIR servlet. HAPI has providers only for the types the hub stores or shows
 * ({@code JpaStoreTypes}); for any other FHIR type it would answer "unknown resource type" (404) before the hub's
 * rules run. A requester asking for one gets the surface rule's refusal instead, exactly as when HAPI still had
 * a provider for every type: the same status and message, for a request and for a batch entry alike.
 */
public class SurfaceRestfulServer extends RestfulServer {

    private final Set<String> fhirTypes;
    private final DataCategories categories;

    public SurfaceRestfulServer(FhirContext context) {
        super(context);
        this.fhirTypes = Set.copyOf(context.getResourceTypes());
        this.categories = new DataCategories(context);
    }

    @Override
    public BaseMethodBinding determineResourceMethod(RequestDetails request, String requestPath) {
        String type = request.getResourceName();
        if (type != null && fhirTypes.contains(type) && FhirSurface.offer(type).isEmpty()
                && request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
            // Always throws: the type is not offered (SurfaceRule refuses a conditional write first, as before).
            Requesters.find(servlet.getServletRequest()).ifPresent(requester ->
                    SurfaceRule.check(RequestShape.ofUnbound(request), requester.facilityId(), categories));
        }
        return super.determineResourceMethod(request, requestPath);
    }
}
