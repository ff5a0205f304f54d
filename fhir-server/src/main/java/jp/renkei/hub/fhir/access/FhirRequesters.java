package jp.renkei.hub.fhir.access;

import java.util.Optional;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import org.springframework.stereotype.Component;

/**
 * The requester of a FHIR request (the hub's {@link Requester}, set by its security filters: person or system,
 * acting facility, roles and purpose of use), captured once on the servlet thread when the request arrives and kept in
 * the request's user data: HAPI runs searches, batch entries and storage hooks in other threads and hands them
 * the request, not the security context. Every rule of the FHIR API asks here, so all of them see the same
 * requester. The hub's own work goes through the DAOs with a {@link SystemRequestDetails} and has none.
 */
@Component
@Interceptor
public class FhirRequesters {

    private static final String KEY = FhirRequesters.class.getName();

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -1000)
    public boolean capture(RequestDetails request, HttpServletRequest servletRequest) {
        if (!request.getUserData().containsKey(KEY)) {
            Requesters.find(servletRequest).ifPresent(requester -> request.getUserData().put(KEY, requester));
        }
        return true;
    }

    /** The requester of {@code request} (who, acting facility, roles, purpose); empty for the hub's own requests. */
    public static Optional<Requester> of(RequestDetails request) {
        if (request == null || request instanceof SystemRequestDetails) {
            return Optional.empty();
        }
        return request.getUserData().get(KEY) instanceof Requester requester
                ? Optional.of(requester) : Optional.empty();
    }

    /** Puts a requester on a request that did not come through the servlet (tests). */
    public static void attach(RequestDetails request, Requester requester) {
        request.getUserData().put(KEY, requester);
    }
}
