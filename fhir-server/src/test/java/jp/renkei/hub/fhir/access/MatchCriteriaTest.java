package jp.renkei.hub.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.fhir.consent.DataCategories;
import org.junit.jupiter.api.Test;

/** Match URLs: pinned to own data, directory types, and system URIs inside criteria. */
class MatchCriteriaTest {

    private static final String SOURCE = "https://renkei-hub.jp/fhir/CodeSystem/source-facility";
    private final WriteRule rule = new WriteRule(
            new DataCategories(FhirContext.forR4Cached()), null, null, null);

    @Test
    void aMatchUrlWithAbsoluteSystemsInItsCriteriaIsStillAMatchUrl() {
        String byEventNumber = "Patient?identifier=https://renkei-hub.jp/fhir/sid/event-number|1234-5678-9012-3452";
        assertThat(WriteRule.isAbsolute(byEventNumber)).isFalse();
        assertThat(rule.refusedMatchUrl(byEventNumber, "CLINIC")).isTrue();
        assertThat(WriteRule.isAbsolute("https://other.example/fhir/Patient/1")).isTrue();
    }

    @Test
    void patientDataMayBeMatchedOnlyWithinOwnDataDirectoryTypesAlways() {
        assertThat(rule.refusedMatchUrl("Patient?_tag=" + SOURCE + "|CLINIC&identifier=x|1", "CLINIC")).isFalse();
        assertThat(rule.refusedMatchUrl("Patient?_tag=" + SOURCE + "|HOSPITAL&identifier=x|1", "CLINIC")).isTrue();
        assertThat(rule.refusedMatchUrl("Patient?_tag:not=" + SOURCE + "|CLINIC&identifier=x|1", "CLINIC")).isTrue();
        assertThat(rule.refusedMatchUrl("Organization?identifier=x|0710100017", "CLINIC")).isFalse();
        assertThat(MatchCriteria.parse("Patient?_tag=" + SOURCE.replace(":", "%3A") + "%7CCLINIC").pinnedTo("CLINIC"))
                .as("URL-encoded").isTrue();
    }
}
