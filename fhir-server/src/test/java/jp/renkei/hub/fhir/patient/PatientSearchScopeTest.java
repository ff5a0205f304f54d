package jp.renkei.hub.fhir.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.fhir.HubSystems;
import org.junit.jupiter.api.Test;

class PatientSearchScopeTest {

    private final ActingFacility hospital = Fixtures.hospital();

    private static List<String> identifierCriteria(SearchParameterMap map) {
        return map.get("identifier").stream().map(or -> or.stream()
                .map(t -> ((TokenParam) t).getSystem() + "|" + ((TokenParam) t).getValue())
                .reduce((a, b) -> a + "," + b).orElse("")).toList();
    }

    @Test
    void demographicSearchesAreNarrowedToTheFacilitysOwnPatients() {
        SearchParameterMap map = new SearchParameterMap();
        map.add("family", new StringParam("山田"));
        map.add("birthdate", new DateParam("1950-01-01"));

        PatientSearchScope.apply("Patient", map, hospital);

        assertThat(identifierCriteria(map)).containsExactly(Fixtures.HOSPITAL_SYSTEM + "|null");
        assertThat(map.get("family")).hasSize(1);
    }

    @Test
    void aSearchWithoutCriteriaOrByAnotherSystemIsNarrowedToo() {
        SearchParameterMap open = new SearchParameterMap();
        PatientSearchScope.apply("Patient", open, hospital);
        assertThat(identifierCriteria(open)).containsExactly(Fixtures.HOSPITAL_SYSTEM + "|null");

        SearchParameterMap other = new SearchParameterMap();
        other.add("identifier", new TokenParam("urn:test:marker", "m-1"));
        PatientSearchScope.apply("Patient", other, hospital);
        assertThat(identifierCriteria(other)).containsExactly("urn:test:marker|m-1", Fixtures.HOSPITAL_SYSTEM + "|null");
    }

    @Test
    void searchesByEventNumberOwnLocalIdOrResourceIdStayAsTheyAre() {
        String number = EventNumber.random().formatted();
        SearchParameterMap byNumber = new SearchParameterMap();
        byNumber.add("identifier", new TokenParam(HubSystems.EVENT_NUMBER, number));
        byNumber.add("name", new StringParam("山田"));
        SearchParameterMap byOwnId = new SearchParameterMap();
        byOwnId.add("identifier", new TokenParam(Fixtures.HOSPITAL_SYSTEM, "H-1"));
        SearchParameterMap byId = new SearchParameterMap();
        byId.add("_id", new TokenParam("42"));

        for (SearchParameterMap map : List.of(byNumber, byOwnId, byId)) {
            String before = map.toNormalizedQueryString(null);
            PatientSearchScope.apply("Patient", map, hospital);
            assertThat(map.toNormalizedQueryString(null)).isEqualTo(before);
        }
    }

    @Test
    void anotherFacilitysLocalSystemIsRefused() {
        SearchParameterMap map = new SearchParameterMap();
        map.add("identifier", new TokenParam(Fixtures.CLINIC_SYSTEM, "C-9"));

        assertThatThrownBy(() -> PatientSearchScope.apply("Patient", map, hospital))
                .isInstanceOf(ForbiddenOperationException.class)
                .hasMessageContaining(Fixtures.CLINIC_SYSTEM + " is another facility's local patient-ID system")
                .hasMessageContaining("search by event number");
    }

    @Test
    void identifierCriteriaThatWouldMatchForeignIdsAreRefused() {
        SearchParameterMap bare = new SearchParameterMap();
        bare.add("identifier", new TokenParam(null, "C-9"));
        assertThatThrownBy(() -> PatientSearchScope.apply("Patient", bare, hospital))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("must name the system");

        SearchParameterMap ofType = new SearchParameterMap();
        ofType.add("identifier", new TokenParam("http://terminology.hl7.org/CodeSystem/v2-0203", "MR")
                .setModifier(TokenParamModifier.OF_TYPE));
        assertThatThrownBy(() -> PatientSearchScope.apply("Patient", ofType, hospital))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("identifier:of-type is not supported");
    }

    @Test
    void aFacilityWithoutLocalIdsMaySearchOnlyByEventNumber() {
        SearchParameterMap map = new SearchParameterMap();
        map.add("name", new StringParam("山田"));

        assertThatThrownBy(() -> PatientSearchScope.apply("Patient", map,
                new ActingFacility(Fixtures.CARE_OFFICE, Optional.empty())))
                .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("only by event number");
    }

    @Test
    void chainedSearchesOnPatientsByDetailsOrForeignIdsAreRefused() {
        SearchParameterMap byName = new SearchParameterMap();
        byName.add("subject", new ReferenceParam(null, "name", "山田"));
        assertThatThrownBy(() -> PatientSearchScope.apply("Observation", byName, hospital))
                .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("chained search subject.name");

        SearchParameterMap byForeignId = new SearchParameterMap();
        byForeignId.add("patient", new ReferenceParam("Patient", "identifier", Fixtures.CLINIC_SYSTEM + "|C-9"));
        assertThatThrownBy(() -> PatientSearchScope.apply("Observation", byForeignId, hospital))
                .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining(Fixtures.CLINIC_SYSTEM);

        SearchParameterMap byOwnId = new SearchParameterMap();
        byOwnId.add("patient", new ReferenceParam("Patient", "identifier", Fixtures.HOSPITAL_SYSTEM + "|H-1"));
        PatientSearchScope.apply("Observation", byOwnId, hospital);
        List<List<IQueryParameterType>> unchanged = byOwnId.get("patient");
        assertThat(unchanged).hasSize(1);
        assertThat(byOwnId.containsKey("identifier")).isFalse();
    }
}
