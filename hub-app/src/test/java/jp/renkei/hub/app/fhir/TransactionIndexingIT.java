package jp.renkei.hub.app.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import ca.uhn.fhir.jpa.dao.EncodeOnceHistoryCalculator;
import ca.uhn.fhir.jpa.dao.ResourceHistoryCalculator;
import ca.uhn.fhir.jpa.dao.index.SearchParamWithInlineReferencesExtractor;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor;
import com.google.common.hash.Hashing;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.DemoGateways;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.fhir.IndexOnceInTransactions;
import jp.renkei.hub.fhir.NoCompositeExtraction;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hub indexes a transaction's new resources once ({@link IndexOnceInTransactions}): what it stores must be
 * exactly what HAPI stores for the same resource written on its own (index rows per table and the resource's
 * "index present" flags), searches must find it, and a later update must replace its index rows, not add to them.
 * It also encodes them once ({@link EncodeOnceHistoryCalculator}): each stores one version whose text is the
 * resource with its references resolved and whose hash is that text's, and extracts no composite values
 * ({@link NoCompositeExtraction}), which composite searches must not need.
 */
@HubIntegrationTest
class TransactionIndexingIT {

    /** HAPI's index tables, by the name of the column that holds the resource's ID. */
    private static final Map<String, String> INDEX_TABLES = Map.of(
            "hfj_spidx_string", "res_id", "hfj_spidx_token", "res_id", "hfj_spidx_date", "res_id",
            "hfj_spidx_quantity", "res_id", "hfj_spidx_number", "res_id", "hfj_spidx_uri", "res_id",
            "hfj_res_link", "src_resource_id", "hfj_res_tag", "res_id");

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    SearchParamWithInlineReferencesExtractor extractor;
    @Autowired
    ApplicationContext context;
    @Autowired
    ResourceHistoryCalculator historyCalculator;
    @Autowired
    ISearchParamExtractor searchParamExtractor;

    FhirHttp gateway;
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        gateway = DemoGateways.hospital(port);
        jdbc = new JdbcTemplate(dataSource);
    }

    @Test
    void hapisDaosUseTheHubsExtractor() {
        assertThat(extractor).isInstanceOf(IndexOnceInTransactions.class);
        assertThat(historyCalculator).isInstanceOf(EncodeOnceHistoryCalculator.class);
        assertThat(searchParamExtractor).isInstanceOf(NoCompositeExtraction.class);
    }

    @Test
    void aTransactionsResourcesAreStoredOnceWithTheirReferencesResolved() {
        String family = "保存" + suffix();
        String identifier = "TIX" + suffix();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        Patient patient = patient(family);
        patient.getIdentifierFirstRep().setValue(identifier);
        // A conditional create without references (the first pass and the second encode the same text) ...
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient")
                .setIfNoneExist("identifier=" + patient.getIdentifierFirstRep().getSystem() + "|" + identifier
                        + "&_tag=" + HubSystems.SOURCE_FACILITY + "|"
                        + TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL));
        // ... and a create whose urn:uuid reference is replaced between them.
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(glucose(new Reference(patientUrl)))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        List<String> created = createdIds(bundle);

        for (String id : created) {
            Map<String, Object> stored = jdbc.queryForMap("select r.res_id, r.res_ver, r.hash_sha256, v.res_text_vc"
                    + " from hfj_resource r join hfj_res_ver v on v.res_id = r.res_id where r.fhir_id = ?", id);
            assertThat(jdbc.queryForObject("select count(*) from hfj_res_ver where res_id = ?", Integer.class,
                    stored.get("res_id"))).as("versions of %s", id).isEqualTo(1);
            assertThat(stored.get("res_ver")).isEqualTo(1L);
            String text = (String) stored.get("res_text_vc");
            assertThat(text).as("stored text of %s", id).isNotBlank().doesNotContain("urn:uuid");
            assertThat(stored.get("hash_sha256")).as("hash of %s", id)
                    .isEqualTo(Hashing.sha256().hashUnencodedChars(text).toString());
        }
        Patient read = gateway.get("/fhir/Patient/" + created.get(0)).resource(Patient.class);
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo(family);
        assertThat(read.getMeta().getVersionId()).isEqualTo("1");
        Observation observation = gateway.get("/fhir/Observation/" + created.get(1)).resource(Observation.class);
        assertThat(observation.getSubject().getReference()).isEqualTo("Patient/" + created.get(0));
        assertThat(observation.getValueQuantity().getValue()).isEqualByComparingTo("126");

        // The same bundle again: the conditional create matches the stored Patient by its indexed identifier.
        bundle.getEntry().remove(1);
        FhirHttp.Response again = gateway.post("/fhir", bundle);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.resource(Bundle.class).getEntryFirstRep().getResponse().getStatus()).startsWith("200");
        assertThat(new IdType(again.resource(Bundle.class).getEntryFirstRep().getResponse().getLocation())
                .getIdPart()).isEqualTo(created.get(0));

        // Composite searches join the components' own index rows.
        String observations = "/fhir/Observation?patient=" + created.get(0) + "&code-value-quantity=";
        assertThat(search(observations + encode("http://loinc.org|2345-7$gt100"))).containsExactly(created.get(1));
        assertThat(search(observations + encode("http://loinc.org|2345-7$lt100"))).isEmpty();
    }

    @Test
    void aTransactionsResourcesAreIndexedExactlyAsSingleWritesAre() {
        String family = "索引" + suffix();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient(family))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(glucose(new Reference(patientUrl)))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        List<String> created = createdIds(bundle);

        // The same two resources written one by one: HAPI's own single-pass indexing.
        FhirHttp.Response single = gateway.post("/fhir/Patient", patient(family));
        assertThat(single.status()).as(single.body()).isEqualTo(201);
        String singlePatient = single.resource(Patient.class).getIdElement().getIdPart();
        FhirHttp.Response singleObservation = gateway.post("/fhir/Observation",
                glucose(new Reference("Patient/" + singlePatient)));
        assertThat(singleObservation.status()).as(singleObservation.body()).isEqualTo(201);

        assertThat(indexOf(created.get(0))).isEqualTo(indexOf(singlePatient));
        assertThat(indexOf(created.get(0)).get("hfj_spidx_string")).isPositive();
        assertThat(indexOf(created.get(1)))
                .isEqualTo(indexOf(singleObservation.resource(Observation.class).getIdElement().getIdPart()));
        assertThat(search("/fhir/Patient?family=" + encode(family))).containsExactlyInAnyOrder(created.get(0),
                singlePatient);
        assertThat(search("/fhir/Observation?patient=" + created.get(0) + "&code=http://loinc.org|2345-7"
                + "&value-quantity=gt100")).containsExactly(created.get(1));
    }

    @Test
    void anUpdateReplacesTheIndexOfAResourceATransactionCreated() {
        String family = "更新前" + suffix();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(patient(family))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        FhirHttp.Response response = gateway.post("/fhir", bundle);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String id = new IdType(response.resource(Bundle.class).getEntryFirstRep().getResponse().getLocation())
                .getIdPart();
        Map<String, Integer> before = indexOf(id);

        Patient stored = gateway.get("/fhir/Patient/" + id).resource(Patient.class);
        String renamed = "更新後" + suffix();
        stored.getNameFirstRep().setFamily(renamed);
        FhirHttp.Response update = gateway.put("/fhir/Patient/" + id, stored);
        assertThat(update.status()).as(update.body()).isEqualTo(200);

        assertThat(search("/fhir/Patient?family=" + encode(family))).isEmpty();
        assertThat(search("/fhir/Patient?family=" + encode(renamed))).containsExactly(id);
        assertThat(indexOf(id)).isEqualTo(before);
    }

    /** Posts a transaction and answers the IDs its entries were stored under, in entry order. */
    private List<String> createdIds(Bundle bundle) {
        FhirHttp.Response response = gateway.post("/fhir", bundle);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.resource(Bundle.class).getEntry().stream()
                .map(e -> new IdType(e.getResponse().getLocation()).getIdPart()).toList();
    }

    private Map<String, Integer> indexOf(String fhirId) {
        Long resId = jdbc.queryForObject("select res_id from hfj_resource where fhir_id = ?", Long.class, fhirId);
        Map<String, Integer> index = new LinkedHashMap<>();
        INDEX_TABLES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(table -> index.put(table.getKey(),
                jdbc.queryForObject("select count(*) from " + table.getKey() + " where " + table.getValue() + " = ?",
                        Integer.class, resId)));
        jdbc.queryForMap("select * from hfj_resource where res_id = ?", resId).forEach((column, value) -> {
            if (column.startsWith("sp_") && value instanceof Boolean present) {
                index.put(column, present ? 1 : 0);
            }
        });
        return index;
    }

    private List<String> search(String path) {
        FhirHttp.Response response = gateway.get(path + (path.contains("?") ? "&" : "?") + "_count=50");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.resource(Bundle.class).getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    private static Patient patient(String family) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code()))
                .setValue("TIX" + suffix());
        patient.addName().setFamily(family).addGiven("花子");
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        return patient;
    }

    private static Observation glucose(Reference subject) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
        observation.setSubject(subject);
        observation.setValue(new Quantity().setValue(126).setUnit("mg/dL").setSystem("http://unitsofmeasure.org")
                .setCode("mg/dL"));
        return observation;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
