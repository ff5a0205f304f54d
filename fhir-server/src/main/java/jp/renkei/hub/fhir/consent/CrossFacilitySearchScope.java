package jp.renkei.hub.fhir.consent;

import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.access.FhirRequesters;
import org.springframework.stereotype.Component;

/**
 * Cross-facility searches of patient data must name one patient. A search of a gated type (see
 * {@link DataCategories}) by a facility has to be pinned either to one patient ({@code patient} or
 * {@code subject} with a single value, best the event number, or chained {@code .identifier=} with the
 * event-number system) or to the facility's own data
 * ({@code _tag=<source-facility>|<own facility ID>}); anything else, e.g. {@code Observation?code=…} across
 * all patients, is refused with 403 and a message saying how to ask. Without this the gate would still hide
 * what is not consented, but a search across the region's patients would be a fishing expedition: its
 * work and timing depend on other facilities' data, and every consented patient would be swept up in it.
 * Runs before the event-number resolution ({@code order}), which turns one number into several Patient IDs.
 */
@Component
@Interceptor
public class CrossFacilitySearchScope {

    private static final List<String> PATIENT_PARAMETERS = List.of("patient", "subject");

    private final DataCategories categories;

    public CrossFacilitySearchScope(DaoRegistry daoRegistry) {
        this.categories = new DataCategories(daoRegistry.getFhirContext());
    }

    @Hook(value = Pointcut.STORAGE_PRESEARCH_REGISTERED, order = -10)
    public void beforeSearch(RequestDetails request, ICachedSearchDetails search, SearchParameterMap map) {
        Optional<Requester> principal = FhirRequesters.of(request);
        String type = search.getResourceType();
        if (principal.isEmpty() || !(categories.of(type) instanceof DataCategories.PatientData)
                || map.getEverythingMode() != null) {
            return;
        }
        String facility = principal.get().facilityId();
        if (namesOnePatient(map) || namesOneResource(map) || ownDataOnly(map, facility)) {
            return;
        }
        throw new ForbiddenOperationException("A search of " + type + " must name one patient: add patient=<event"
                + " number> (e.g. patient=1234-5678-9012-3456); to search across your own facility's data only, add"
                + " _tag=" + HubSystems.SOURCE_FACILITY + "|" + facility);
    }

    private static boolean namesOnePatient(SearchParameterMap map) {
        return PATIENT_PARAMETERS.stream().anyMatch(name -> {
            List<List<IQueryParameterType>> and = map.get(name);
            return and != null && and.stream().anyMatch(or -> or.size() == 1
                    && or.get(0) instanceof ReferenceParam reference && reference.getMissing() == null
                    && (reference.hasChain() ? byEventNumber(reference) : reference.getIdPart() != null));
        });
    }

    /** {@code _id=<one ID>}: like a read (a list of IDs would enumerate the region's data by guessing). */
    private static boolean namesOneResource(SearchParameterMap map) {
        List<List<IQueryParameterType>> ids = map.get("_id");
        return ids != null && ids.stream().anyMatch(or -> or.size() == 1 && or.get(0) instanceof TokenParam token
                && token.getModifier() == null && token.getMissing() == null && token.getValue() != null);
    }

    /** {@code subject.identifier=<event-number system>|<number>}. */
    private static boolean byEventNumber(ReferenceParam reference) {
        String value = reference.getValue();
        return "identifier".equals(reference.getChain()) && value != null
                && value.startsWith(HubSystems.EVENT_NUMBER + "|") && value.length() > HubSystems.EVENT_NUMBER.length() + 1;
    }

    /** An AND-ed {@code _tag} that admits only the facility's own source tag. */
    private static boolean ownDataOnly(SearchParameterMap map, String facility) {
        List<List<IQueryParameterType>> tags = map.get("_tag");
        return tags != null && tags.stream().anyMatch(or -> !or.isEmpty() && or.stream().allMatch(value ->
                value instanceof TokenParam token && token.getModifier() == null && token.getMissing() == null
                        && HubSystems.SOURCE_FACILITY.equals(token.getSystem()) && facility.equals(token.getValue())));
    }
}
