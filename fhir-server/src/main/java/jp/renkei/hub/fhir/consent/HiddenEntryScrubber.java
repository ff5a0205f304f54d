package jp.renkei.hub.fhir.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * Removes what the consent gate hid but HAPI's bundle building left behind: when a resource is rejected only
 * at show time (for instance in the search results of a batch's GET entry), the entry can remain with its
 * {@code fullUrl} and no resource, which would still tell the requester that the resource exists. Every entry
 * of a response Bundle (nested ones included) that has neither a resource nor a request or response part is
 * such a remnant and is dropped. Runs on the response after the {@code ConsentInterceptor}.
 */
@Component
@Interceptor
public class HiddenEntryScrubber {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean beforeResponse(RequestDetails request, ResponseDetails response) {
        if (response.getResponseResource() instanceof Bundle bundle) {
            scrub(bundle);
        }
        return true;
    }

    static void scrub(Bundle bundle) {
        bundle.getEntry().removeIf(entry -> !entry.hasResource() && !entry.hasRequest() && !entry.hasResponse());
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Bundle inner) {
                scrub(inner);
            }
        }
    }
}
