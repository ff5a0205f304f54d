package jp.renkei.hub.fhir.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import jp.renkei.hub.fhir.FhirServerProperties;
import org.junit.jupiter.api.Test;

class OnePageSearchesTest {

    @Test
    void plainPatientIdsAreNamedPatients() {
        assertThat(OnePageSearches.namedPatients(map("patient", new ReferenceParam("123")))).contains(java.util.Set.of("123"));
        assertThat(OnePageSearches.namedPatients(map("patient", new ReferenceParam("Patient/7"))))
                .contains(java.util.Set.of("7"));
        assertThat(OnePageSearches.namedPatients(map("subject", new ReferenceParam("Patient/7"))))
                .contains(java.util.Set.of("7"));
        SearchParameterMap either = new SearchParameterMap();
        either.add("patient", new ReferenceOrListParam().addOr(new ReferenceParam("1")).addOr(new ReferenceParam("2")));
        assertThat(OnePageSearches.namedPatients(either)).contains(java.util.Set.of("1", "2"));
    }

    @Test
    void anythingButPlainPatientIdsLeavesHapisPagedPath() {
        assertThat(OnePageSearches.namedPatients(new SearchParameterMap())).isEmpty();
        assertThat(OnePageSearches.namedPatients(map("subject", new ReferenceParam("7"))))
                .as("an untyped subject may be a Group").isEmpty();
        assertThat(OnePageSearches.namedPatients(map("subject", new ReferenceParam("Group/7")))).isEmpty();
        assertThat(OnePageSearches.namedPatients(map("patient", new ReferenceParam("identifier", "urn:x|1"))))
                .as("a chain").isEmpty();
        ReferenceParam missing = new ReferenceParam();
        missing.setMissing(true);
        assertThat(OnePageSearches.namedPatients(map("patient", missing))).isEmpty();
        SearchParameterMap oneChained = new SearchParameterMap();
        oneChained.add("patient", new ReferenceOrListParam().addOr(new ReferenceParam("1"))
                .addOr(new ReferenceParam("name", "Taro")));
        assertThat(OnePageSearches.namedPatients(oneChained)).as("one alternative is not a plain ID").isEmpty();
        assertThat(OnePageSearches.namedPatients(map("code", new TokenParam("http://loinc.org", "1")))).isEmpty();
    }

    @Test
    void thePageIsTheClientsCountWithinTheServersBounds() {
        OnePageSearches searches = new OnePageSearches(new org.springframework.jdbc.datasource.SimpleDriverDataSource(), new FhirServerProperties(List.of(), 20, 200, "", true, false));
        assertThat(searches.pageSize(new SearchParameterMap())).isEqualTo(20);
        assertThat(searches.pageSize(new SearchParameterMap().setCount(5))).isEqualTo(5);
        assertThat(searches.pageSize(new SearchParameterMap().setCount(5000))).isEqualTo(200);
    }

    private static SearchParameterMap map(String name, ca.uhn.fhir.model.api.IQueryParameterType value) {
        SearchParameterMap map = new SearchParameterMap();
        map.add(name, value);
        return map;
    }
}
