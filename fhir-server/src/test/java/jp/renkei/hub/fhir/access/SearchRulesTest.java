package jp.renkei.hub.fhir.access;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.PurposeOfUse;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.consent.DataCategories;
import org.junit.jupiter.api.Test;

/** Search side doors are refused on parameter names alone, and pages are shown only to their requester. */
class SearchRulesTest {

    private static final DataCategories CATEGORIES = new DataCategories(FhirContext.forR4Cached());

    @Test
    void sideDoorsAreRefused() {
        for (Map.Entry<String, String> door : Map.of(
                "_has:Observation:performer:subject", "Patient/1",
                "subject.identifier", "H000001",
                "subject:Patient._tag", "x",
                "subject.name", "山田",
                "_id:not", "1",
                "_list", "1",
                "_contained", "true").entrySet()) {
            assertThatThrownBy(() -> SearchSideDoors.check("Observation", Map.of(door.getKey(),
                    new String[] {door.getValue()}), CATEGORIES)).as(door.getKey())
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining(door.getKey());
        }
        assertThatThrownBy(() -> SearchSideDoors.check("Organization", Map.of("_revinclude",
                new String[] {"Observation:performer"}), CATEGORIES)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void theEventNumberChainAndPlainSearchesPass() {
        assertThatCode(() -> SearchSideDoors.check("Observation", Map.of(
                "subject.identifier", new String[] {HubSystems.EVENT_NUMBER + "|1234-5678-9012-3452"},
                "_sort", new String[] {"-date"},
                "_include", new String[] {"Observation:subject"}), CATEGORIES)).doesNotThrowAnyException();
        assertThatCode(() -> SearchSideDoors.check("Patient", Map.of(
                "_id", new String[] {"12"}, "_revinclude", new String[] {"Observation:subject"}), CATEGORIES))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SearchSideDoors.check("Observation", Map.of("subject.identifier",
                new String[] {HubSystems.EVENT_NUMBER + "|1234-5678-9012-3452,H000001"}), CATEGORIES))
                .as("every value must be an event number").isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aPageIsShownOnlyToTheRequesterThatSearched() {
        PagingBinding binding = new PagingBinding();
        Requester doctor = person("p1", "HOSPITAL");
        binding.bind("search-1", doctor);
        assertThatCode(() -> binding.check("search-1", doctor)).doesNotThrowAnyException();
        assertThatThrownBy(() -> binding.check("search-1", person("p2", "CLINIC")))
                .isInstanceOf(ResourceGoneException.class);
        assertThatThrownBy(() -> binding.check("search-1", person("p1", "CLINIC")))
                .as("the same person acting for another facility").isInstanceOf(ResourceGoneException.class);
        String foreign = message(() -> binding.check("search-1", person("p2", "CLINIC")));
        String unknown = message(() -> binding.check("search-2", person("p2", "CLINIC")));
        org.assertj.core.api.Assertions.assertThat(foreign.replace("search-1", "X"))
                .isEqualTo(unknown.replace("search-2", "X"));
    }

    private static String message(Runnable check) {
        try {
            check.run();
            return null;
        } catch (ResourceGoneException e) {
            return e.getMessage();
        }
    }

    private static Requester person(String id, String facility) {
        return new Requester(new HubPrincipal(HubPrincipal.Kind.PERSON, id, id, facility, Set.of(HubRole.DOCTOR)),
                PurposeOfUse.TREAT);
    }
}
