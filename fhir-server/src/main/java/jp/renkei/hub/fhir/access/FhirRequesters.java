package jp.renkei.hub.fhir.access;

import java.util.Optional;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.fhir.patient.ActingFacilities;
import org.springframework.stereotype.Component;

/**
 * The requester of a FHIR request, captured once on the servlet thread when the request arrives and kept in
 * the request's user data: HAPI runs searches, batch entries and storage hooks in other threads and hands them
 * the request, not the security context. Every rule of the FHIR API asks here, so all of them see the same
 * requester. The hub's own work goes through the DAOs with a {@link SystemRequestDetails} and has none.
 */
@Component
@Interceptor
public class FhirRequesters {

    private static final String KEY = FhirRequesters.class.getName();

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -1000)
    public boolean capture(RequestDetails request) {
        if (!request.getUserData().containsKey(KEY)) {
            ActingFacilities.currentPrincipal().ifPresent(principal -> request.getUserData().put(KEY, principal));
        }
        return true;
    }

    /** The requester of {@code request}; empty for the hub's own requests. */
    public static Optional<HubPrincipal> of(RequestDetails request) {
        if (request == null || request instanceof SystemRequestDetails) {
            return Optional.empty();
        }
        return request.getUserData().get(KEY) instanceof HubPrincipal principal
                ? Optional.of(principal) : Optional.empty();
    }

    /** Puts a requester on a request that did not come through the servlet (tests, the hub's own calls on behalf). */
    public static void attach(RequestDetails request, HubPrincipal principal) {
        request.getUserData().put(KEY, principal);
    }
}
