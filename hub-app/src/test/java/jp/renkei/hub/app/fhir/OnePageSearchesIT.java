package jp.renkei.hub.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jp.renkei.hub.app.demo.DemoDataLoader;
import jp.renkei.hub.app.demo.DemoSharing;
import jp.renkei.hub.app.support.DemoGateways;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.core.patient.EventNumber;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A patient's search whose whole answer fits one page is answered without HAPI's search cache and without a next
 * link ({@code OnePageSearches}); one that does not fit keeps HAPI's paged path, and the pages together hold the
 * same answer. The consent gate decides alike on both paths.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnePageSearchesIT {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;

    FhirHttp hospital;
    FhirHttp clinic;
    String consented;
    List<String> all;

    @BeforeAll
    void aConsentedPatientsData() {
        hospital = DemoGateways.hospital(port);
        clinic = DemoGateways.clinic(port);
        assertThat(DemoSharing.consents(0)).isTrue();
        consented = DemoGateways.eventNumberOf(hospital, DemoDataLoader.networkPatient(0));
        all = allPages(hospital, "/fhir/Observation?patient=" + consented + "&_sort=-date,_id&_count=3");
        assertThat(all).as("more than one page of 3").hasSizeGreaterThan(3);
    }

    @Test
    void anAnswerThatFitsOnePageIsAnsweredWithoutTheSearchCache() {
        long before = cachedSearches();
        Bundle page = search(hospital, "/fhir/Observation?patient=" + consented + "&_sort=-date,_id&_count=" + all.size());

        assertThat(ids(page)).containsExactlyElementsOf(all);
        assertThat(page.getLink(Bundle.LINK_NEXT)).isNull();
        assertThat(cachedSearches()).as("no search-cache entry").isEqualTo(before);
    }

    @Test
    void anAnswerLongerThanThePageKeepsHapisPagedPath() {
        long before = cachedSearches();
        String query = "/fhir/Observation?patient=" + consented + "&_sort=-date,_id&_count=" + (all.size() - 1);
        Bundle first = search(hospital, query);

        assertThat(first.getEntry()).hasSize(all.size() - 1);
        assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
        assertThat(cachedSearches()).isEqualTo(before + 1);
        assertThat(allPages(hospital, query)).containsExactlyElementsOf(all);
    }

    @Test
    void theGateDecidesAlikeOnBothPaths() {
        String onePage = "/fhir/Observation?patient=" + consented + "&_sort=-date,_id&_count=" + all.size();
        assertThat(ids(search(clinic, onePage))).as("consented: the hospital's data, one page").containsExactlyElementsOf(all);
        assertThat(allPages(clinic, "/fhir/Observation?patient=" + consented + "&_sort=-date,_id&_count=2"))
                .as("consented: the same, paged").containsExactlyElementsOf(all);

        assertThat(DemoSharing.consents(3)).isFalse();
        String hidden = DemoGateways.eventNumberOf(hospital, DemoDataLoader.networkPatient(3));
        List<String> hiddenData = allPages(hospital, "/fhir/Observation?patient=" + hidden + "&_count=200");
        assertThat(hiddenData).isNotEmpty();
        long before = cachedSearches();
        Bundle notConsented = search(clinic, "/fhir/Observation?patient=" + hidden + "&_count=200");
        assertThat(notConsented.getEntry()).as("without consent: nothing, on the one-page path").isEmpty();
        assertThat(notConsented.getLink(Bundle.LINK_NEXT)).isNull();
        assertThat(cachedSearches()).isEqualTo(before);
    }

    @Test
    void aHiddenPatientsSearchAnswersLikeAnUnknownNumbersOnBothPaths() {
        String hidden = DemoGateways.eventNumberOf(hospital, DemoDataLoader.networkPatient(3));
        String unknown = EventNumber.random().formatted();
        for (String count : List.of("200", "1")) { // the one-page path for the hidden patient's data, and the paged one
            FhirHttp.Response hiddenAnswer = clinic.get("/fhir/Observation?patient=" + hidden + "&_count=" + count);
            FhirHttp.Response absentAnswer = clinic.get("/fhir/Observation?patient=" + unknown + "&_count=" + count);
            assertThat(hiddenAnswer.status()).isEqualTo(absentAnswer.status()).isEqualTo(200);
            assertThat(shape(hiddenAnswer.body(), hidden)).as("_count=" + count)
                    .isEqualTo(shape(absentAnswer.body(), unknown));
        }
    }

    /** The answer with what must differ made equal: the bundle's ID, its time, the asked number, a paging ID. */
    private static String shape(String body, String number) {
        return body.replace(number, "{NUMBER}")
                .replaceAll("\"id\":\"[^\"]*\"", "\"id\":\"{ID}\"")
                .replaceAll("\"lastUpdated\":\"[^\"]*\"", "\"lastUpdated\":\"{TIME}\"")
                .replaceAll("_getpages=[^&\"]*", "_getpages={PAGE}");
    }

    private Bundle search(FhirHttp client, String path) {
        FhirHttp.Response response = client.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.resource(Bundle.class);
    }

    private List<String> allPages(FhirHttp client, String path) {
        List<String> ids = new ArrayList<>();
        Bundle page = search(client, path);
        ids.addAll(ids(page));
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            URI next = URI.create(page.getLink(Bundle.LINK_NEXT).getUrl());
            page = search(client, next.getRawPath() + "?" + next.getRawQuery());
            ids.addAll(ids(page));
        }
        return ids;
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
    }

    private long cachedSearches() {
        return new JdbcTemplate(dataSource).queryForObject("select count(*) from hfj_search", Long.class);
    }
}
