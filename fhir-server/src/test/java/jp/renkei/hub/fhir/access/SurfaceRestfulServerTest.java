package jp.renkei.hub.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.TreeSet;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletSubRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.RequestAttributes;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.consent.DataCategories;
import org.junit.jupiter.api.Test;

/**
 * HAPI has no provider for a type the hub does not offer; the servlet must refuse such a request exactly as the
 * surface rule refused it while HAPI still had a provider for every type (same exception, same message).
 */
class SurfaceRestfulServerTest {

    private static final FhirContext R4 = FhirContext.forR4Cached();
    private final SurfaceRestfulServer server = new SurfaceRestfulServer(R4);

    @Test
    void aTypeThatIsNotOfferedIsRefusedAsBeforeForEveryInteraction() {
        assertRefusedLike(RequestTypeEnum.GET, "Basic/1", RestOperationTypeEnum.READ, "read Basic");
        assertRefusedLike(RequestTypeEnum.GET, "Basic/1/_history/2", RestOperationTypeEnum.VREAD, "vread Basic");
        assertRefusedLike(RequestTypeEnum.GET, "Basic", RestOperationTypeEnum.SEARCH_TYPE, "search-type Basic");
        assertRefusedLike(RequestTypeEnum.POST, "Basic/_search", RestOperationTypeEnum.SEARCH_TYPE, "search-type Basic");
        assertRefusedLike(RequestTypeEnum.GET, "Basic/1/_history", RestOperationTypeEnum.HISTORY_INSTANCE,
                "history-instance Basic");
        assertRefusedLike(RequestTypeEnum.GET, "Basic/_history", RestOperationTypeEnum.HISTORY_TYPE, "history-type");
        assertRefusedLike(RequestTypeEnum.POST, "Basic", RestOperationTypeEnum.CREATE, "create Basic");
        assertRefusedLike(RequestTypeEnum.PUT, "Task/1", RestOperationTypeEnum.UPDATE, "update Task");
        assertRefusedLike(RequestTypeEnum.PATCH, "Task/1", RestOperationTypeEnum.PATCH, "patch Task");
        assertRefusedLike(RequestTypeEnum.DELETE, "Group/1", RestOperationTypeEnum.DELETE, "delete Group");
        assertRefusedLike(RequestTypeEnum.POST, "Basic/$validate", RestOperationTypeEnum.VALIDATE, "$validate");
        assertRefusedLike(RequestTypeEnum.GET, "Basic/1/$meta", RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
                "$meta");
    }

    @Test
    void aBatchEntryReadIsNamedAsHapisHandlerNamedIt() {
        ServletSubRequestDetails entry = new ServletSubRequestDetails(request(RequestTypeEnum.POST, "", "CLINIC"));
        entry.setRequestType(RequestTypeEnum.GET);
        server.populateRequestDetailsFromRequestPath(entry, "Basic/1");
        assertThat(refusal(() -> server.determineResourceMethod(entry, "Basic/1")))
                .contains("does not offer vread Basic over FHIR");
    }

    @Test
    void aConditionalWriteOfSuchATypeGetsTheConditionalAnswerFirstAsBefore() {
        ServletRequestDetails request = request(RequestTypeEnum.DELETE, "Basic", "CLINIC");
        request.setCompleteUrl("https://hub/fhir/Basic?identifier=x|1");
        assertThatThrownBy(() -> server.determineResourceMethod(request, "Basic"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("only within your own data");
    }

    @Test
    void offeredAndUnknownTypesAndRequestsWithoutRequesterAreLeftToHapi() {
        // Offered: HAPI's handler lookup runs (this test server has no providers, so HAPI itself fails differently).
        assertThatThrownBy(() -> server.determineResourceMethod(request(RequestTypeEnum.GET, "Observation/1", "CLINIC"),
                "Observation/1")).isNotInstanceOf(MethodNotAllowedException.class);
        assertThatThrownBy(() -> server.determineResourceMethod(request(RequestTypeEnum.GET, "NoSuchType/1", "CLINIC"),
                "NoSuchType/1")).isNotInstanceOf(MethodNotAllowedException.class);
        assertThatThrownBy(() -> server.determineResourceMethod(request(RequestTypeEnum.GET, "Basic/1", null),
                "Basic/1")).isNotInstanceOf(MethodNotAllowedException.class);
    }

    @Test
    void theStoreKeepsEveryOfferedTypeButTheViews() {
        Set<String> offered = Set.copyOf(FhirSurface.offers().stream().map(FhirSurface.Offer::type).toList());
        assertThat(FhirSurface.storedTypes()).doesNotContain("AuditEvent", "Consent").contains("Patient",
                "Observation", "SearchParameter", "StructureDefinition", "Provenance", "Organization");
        assertThat(FhirSurface.storedTypes()).containsAll(offered.stream()
                .filter(type -> !type.equals("AuditEvent") && !type.equals("Consent")).toList());
        // Stored but never offered: HAPI's own (the package cache's Binary, the $merge service's Task) and the
        // patient-data types the clinical views search ($summary and the portal's patient page read Composition).
        Set<String> viewsOnly = new TreeSet<>(DataCategories.patientDataTypes());
        viewsOnly.removeAll(offered);
        assertThat(viewsOnly).contains("Composition", "CareTeam", "Goal");
        assertThat(FhirSurface.storedTypes().stream().filter(type -> !offered.contains(type)).toList())
                .containsExactlyInAnyOrderElementsOf(concat(Set.of("Binary", "Task"), viewsOnly));
        assertThat(FhirSurface.offer("Composition")).isEmpty();
        assertThat(FhirSurface.offer("Binary")).isEmpty();
        assertThat(FhirSurface.offer("Task")).isEmpty();
    }

    private static Set<String> concat(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The refusal of the unbound request equals SurfaceRule's for the shape HAPI's handler used to give it. */
    private void assertRefusedLike(RequestTypeEnum method, String path, RestOperationTypeEnum handledAs, String name) {
        ServletRequestDetails handled = request(method, path, "CLINIC");
        handled.setRestOperationType(handledAs);
        String before = refusal(() -> SurfaceRule.check(RequestShape.of(handled), "CLINIC",
                new jp.renkei.hub.fhir.consent.DataCategories(R4)));
        String now = refusal(() -> server.determineResourceMethod(request(method, path, "CLINIC"), path));
        assertThat(now).as(method + " " + path).isEqualTo(before).contains("does not offer " + name + " over FHIR");
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
        } catch (MethodNotAllowedException e) {
            return e.getMessage();
        }
        throw new AssertionError("not refused");
    }

    private ServletRequestDetails request(RequestTypeEnum method, String path, String facility) {
        Requester requester = facility == null ? null : new Requester(new HubPrincipal(HubPrincipal.Kind.SYSTEM,
                "gw", "gw", facility, Set.of(HubRole.GATEWAY)), PurposeOfUse.TREAT);
        HttpServletRequest servlet = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getAttribute" -> RequestAttributes.REQUESTER.equals(args[0]) ? requester : null;
                    case "getHeader" -> null;
                    case "getHeaders" -> java.util.Collections.emptyEnumeration();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        ServletRequestDetails details = new ServletRequestDetails();
        details.setServletRequest(servlet);
        details.setServer(server);
        details.setRequestType(method);
        server.populateRequestDetailsFromRequestPath(details, path);
        return details;
    }
}
