package jp.renkei.hub.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jp.renkei.hub.app.demo.DemoDataLoader;
import jp.renkei.hub.app.demo.DemoDataLoader.DemoPatient;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.person.Profession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@HubIntegrationTest
class FhirEndpointIT {

    @LocalServerPort
    int port;

    FhirHttp fhir;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void client() {
        String doctor = TestPeople.loggedIn(context, TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL),
                Profession.DOCTOR, false);
        fhir = FhirHttp.forHub(port, HubIntegrationTest.HOME).withToken(doctor);
    }

    @Test
    void metadataIsAnR4CapabilityStatementOfTheJpaServer() {
        FhirHttp.Response response = fhir.get("/fhir/metadata");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/fhir+json");
        CapabilityStatement capabilities = response.resource(CapabilityStatement.class);
        assertThat(capabilities.getFhirVersion()).isEqualTo(FHIRVersion._4_0_1);
        assertThat(capabilities.getRestFirstRep().getResource())
                .extracting(r -> r.getType())
                .contains("Patient", "Observation", "MedicationRequest", "Organization");
    }

    @Test
    void demoPatientsAreReadableWithKanjiAndKanaNames() {
        Patient patient = demoPatient(DemoDataLoader.demoPatient(0));

        Patient read = fhir.get("/fhir/Patient/" + patient.getIdElement().getIdPart()).resource(Patient.class);
        assertThat(read.getMeta().getProfile()).extracting(p -> p.getValue()).contains(JpCoreSystems.JP_PATIENT);
        assertThat(read.getName()).hasSize(2);
        List<String> representations = read.getName().stream()
                .map(n -> n.getExtensionString(JpCoreSystems.NAME_REPRESENTATION)).toList();
        assertThat(representations).containsExactly("IDE", "SYL");
        HumanName kana = read.getName().get(1);
        assertThat(kana.getFamily()).matches("\\p{InKatakana}+");
    }

    @Test
    void searchByKanjiFamilyNameFindsDemoPatients() {
        Patient patient = demoPatient(DemoDataLoader.demoPatient(1));
        String family = patient.getNameFirstRep().getFamily();

        Bundle found = fhir.get("/fhir/Patient?family=" + URLEncoder.encode(family, StandardCharsets.UTF_8)
                + "&_count=100").resource(Bundle.class);

        assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .contains(patient.getIdElement().getIdPart());
    }

    @Test
    void observationsOfADemoPatientComeNewestFirstWithJlac10Codes() {
        Patient patient = demoPatient(DemoDataLoader.demoPatient(0));

        FhirHttp.Response response = fhir.get("/fhir/Observation?patient=" + patient.getIdElement().getIdPart()
                + "&_sort=-date&_count=100");

        assertThat(response.status()).isEqualTo(200);
        List<Observation> observations = response.resource(Bundle.class).getEntry().stream()
                .map(e -> (Observation) e.getResource()).toList();
        assertThat(observations).hasSize(40); // 4 visits x 10 tests at the hospital
        assertThat(observations).allSatisfy(o -> {
            assertThat(o.getCode().getCodingFirstRep().getSystem()).isEqualTo(JpCoreSystems.JLAC10);
            assertThat(o.getCode().getCodingFirstRep().getCode()).hasSize(17);
        });
        List<java.util.Date> dates = observations.stream().map(o -> o.getEffectiveDateTimeType().getValue()).toList();
        assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(dates.get(0)).isAfter(dates.get(dates.size() - 1));
    }

    @Test
    void pagesOfASearchComeFromTheUnloggedSearchCache() throws Exception {
        Patient patient = demoPatient(DemoDataLoader.demoPatient(0));
        List<String> seen = new ArrayList<>();
        String next = "/fhir/Observation?patient=" + patient.getIdElement().getIdPart() + "&_sort=-date&_count=15";
        int pages = 0;
        while (next != null) {
            FhirHttp.Response page = fhir.get(next);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            Bundle bundle = page.resource(Bundle.class);
            bundle.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().getIdPart()));
            pages++;
            Bundle.BundleLinkComponent link = bundle.getLink(Bundle.LINK_NEXT);
            next = link == null ? null : link.getUrl().substring(link.getUrl().indexOf("/fhir"));
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(40).doesNotHaveDuplicates();
        try (Connection connection = dataSource.getConnection();
             ResultSet rs = connection.createStatement().executeQuery("SELECT relname, relpersistence FROM pg_class"
                     + " WHERE relname IN ('hfj_search', 'hfj_search_result', 'hfj_search_include')")) {
            Map<String, String> persistence = new HashMap<>();
            while (rs.next()) {
                persistence.put(rs.getString(1), rs.getString(2));
            }
            assertThat(persistence).containsOnly(Map.entry("hfj_search", "u"), Map.entry("hfj_search_result", "u"),
                    Map.entry("hfj_search_include", "u"));
        }
    }

    @Test
    void theTextModifierOfTokensIsRefusedWithAReason() {
        Patient patient = demoPatient(DemoDataLoader.demoPatient(0));

        FhirHttp.Response response = fhir.get("/fhir/Observation?patient=" + patient.getIdElement().getIdPart()
                + "&code:text=HbA1c");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.body()).contains(":text");
    }

    @Test
    void searchParameterIdentitiesAreNotWrittenWhileIndexesAndSearchesWork() throws Exception {
        Patient patient = demoPatient(DemoDataLoader.demoPatient(0));
        Bundle labs = fhir.get("/fhir/Observation?patient=" + patient.getIdElement().getIdPart()
                + "&category=laboratory&_sort=-date").resource(Bundle.class);
        assertThat(labs.getEntry()).as("the demo patient's lab results, found through HAPI's token and date indexes")
                .isNotEmpty();

        try (Connection connection = dataSource.getConnection();
             ResultSet rs = connection.createStatement().executeQuery("SELECT count(*) FROM hfj_spidx_identity")) {
            rs.next();
            assertThat(rs.getLong(1)).as("HAPI's hash-identity table, which the hub does not fill").isZero();
        }
    }

    private Patient demoPatient(DemoPatient demo) {
        Bundle found = fhir.get("/fhir/Patient?identifier="
                + JpCoreSystems.facilityPatientIdSystem(demo.facility().code()) + "|" + demo.localId())
                .resource(Bundle.class);
        assertThat(found.getEntry()).as("demo patient %s", demo.localId()).hasSize(1);
        return (Patient) found.getEntryFirstRep().getResource();
    }
}
