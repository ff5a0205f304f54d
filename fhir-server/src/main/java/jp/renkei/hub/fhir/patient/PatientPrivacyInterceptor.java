package jp.renkei.hub.fhir.patient;

import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/**
 * Keeps each facility to its own local patient IDs on the FHIR endpoint. Registered on the RESTful server,
 * so its storage hooks run only for requests that came through it (HAPI combines the server's interceptors
 * with the JPA ones per request); the hub's own DAO calls carry no principal and are left alone.
 *
 * <ul>
 *   <li>{@code STORAGE_PRESHOW_RESOURCES}: every resource the JPA layer hands out for a request (read,
 *       vread, search pages with {@code _include}/{@code _revinclude}, history, {@code $everything},
 *       resources returned by create/update) is replaced by its masked copy.</li>
 *   <li>{@code SERVER_OUTGOING_RESPONSE}: the whole response resource, once more, for what does not come
 *       through the JPA layer: operation outputs such as {@code Parameters}, transaction and batch response
 *       bundles, and the outputs of plain providers.</li>
 *   <li>{@code STORAGE_PRESEARCH_REGISTERED}: Patient searches are narrowed or refused by
 *       {@link PatientSearchScope}; such searches are never reused for another request, since what they
 *       found depends on who asked. Patient references written as event numbers are resolved
 *       ({@link EventNumberReferences}); such searches are not reused either, since links change.</li>
 *   <li>{@code STORAGE_PRECHECK_FOR_CACHED_SEARCH}: a facility's Patient search never takes over results
 *       cached for a search of the same URL made by somebody else.</li>
 * </ul>
 */
@Component
@Interceptor
public class PatientPrivacyInterceptor {

    private final ActingFacilities facilities;
    private final LocalIdentifierMask mask;
    private final EventNumberReferences eventNumbers;

    public PatientPrivacyInterceptor(ActingFacilities facilities, EventNumberReferences eventNumbers,
                                     FhirContext context) {
        this.facilities = facilities;
        this.eventNumbers = eventNumbers;
        this.mask = new LocalIdentifierMask(context);
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void beforeShow(RequestDetails request, IPreResourceShowDetails details) {
        Optional<ActingFacility> facility = facilities.current(request);
        if (facility.isEmpty()) {
            return;
        }
        for (int i = 0; i < details.size(); i++) {
            IBaseResource resource = details.getResource(i);
            IBaseResource masked = mask.masked(resource, facility.get());
            if (masked != resource) {
                details.setResource(i, masked);
            }
        }
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean beforeResponse(RequestDetails request, ResponseDetails response) {
        facilities.current(request).ifPresent(facility -> {
            IBaseResource resource = response.getResponseResource();
            IBaseResource masked = mask.masked(resource, facility);
            if (masked != resource) {
                response.setResponseResource(masked);
            }
        });
        return true;
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void beforeSearch(RequestDetails request, ICachedSearchDetails search, SearchParameterMap map) {
        facilities.current(request).ifPresent(facility -> {
            PatientSearchScope.apply(search.getResourceType(), map, facility);
            if ("Patient".equals(search.getResourceType())) {
                search.setCannotBeReused();
            }
        });
        if (eventNumbers.resolve(map)) {
            search.setCannotBeReused();
        }
    }

    @Hook(Pointcut.STORAGE_PRECHECK_FOR_CACHED_SEARCH)
    public boolean mayUseCachedSearch(RequestDetails request) {
        return jp.renkei.hub.fhir.access.FhirRequesters.of(request).isEmpty() || !"Patient".equals(request.getResourceName());
    }
}
