package jp.renkei.hub.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jp.renkei.hub.app.demo.DemoDataLoader;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.demo.DemoSharing;
import jp.renkei.hub.app.support.DemoGateways;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many audit events the benchmark's two kinds of request append, and when (issue 17): a gateway's transaction
 * bundle is one event, however many resources it writes, committed with the data (pending, then chained); a gated
 * search is the request's event plus one access decision per patient, both committed before the answer.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditAppendsPerRequestIT {

    private static final String HOSPITAL_SYSTEM = JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code());

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    FhirHttp hospitalGateway;
    FhirHttp clinicGateway;
    String hospitalId;
    String clinicId;

    @BeforeAll
    void demoGateways() {
        hospitalGateway = DemoGateways.hospital(port);
        clinicGateway = DemoGateways.clinic(port);
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
    }

    @Test
    void aTransactionBundleOfSeveralResourcesIsOneAuditEvent() throws Exception {
        long before = lastSeq();
        Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(HOSPITAL_SYSTEM).setValue("AUDIT-COUNT-" + System.nanoTime());
        patient.addName().setFamily("監査").addGiven("数");
        patient.setGender(AdministrativeGender.FEMALE);
        String patientUrl = "urn:uuid:7d1e4c2a-0000-4000-8000-" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
        transaction.addEntry().setFullUrl(patientUrl).setResource(patient)
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
        for (int i = 0; i < 3; i++) {
            Observation observation = new Observation();
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7").setDisplay("Glucose");
            observation.setSubject(new Reference(patientUrl));
            observation.setEffective(new DateTimeType("2026-11-0" + (i + 1) + "T09:00:00+09:00"));
            observation.setValue(new Quantity(95 + i).setUnit("mg/dL").setSystem("http://unitsofmeasure.org")
                    .setCode("mg/dL"));
            transaction.addEntry().setResource(observation).getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");
        }

        FhirHttp.Response response = hospitalGateway.post("/fhir", transaction);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        // Committed with the data, so present the moment the answer arrives: pending or already chained.
        assertThat(eventsWithPendingSince(before, hospitalId)).containsExactly("EXECUTE POST /fhir SUCCESS");
        List<String> chained = List.of();
        for (int attempt = 0; attempt < 100 && chained.isEmpty(); attempt++) {
            Thread.sleep(50); // the appender chains it within its chain delay
            chained = eventsSince(before, hospitalId);
        }
        assertThat(chained).containsExactly("EXECUTE POST /fhir SUCCESS");
        assertThat(eventsWithPendingSince(before, hospitalId)).containsExactly("EXECUTE POST /fhir SUCCESS");
        assertThat(jdbc.sql("SELECT status FROM hub.audit_event WHERE seq > ? AND facility_id = ?"
                + " AND resource = 'POST /fhir'").param(before).param(hospitalId).query(Integer.class).single())
                .isEqualTo(200);
    }

    @Test
    void aTransactionBundleThatRollsBackLeavesItsFailureAndNoSuccess() throws Exception {
        long before = lastSeq();
        String identifier = "AUDIT-ROLLBACK-" + System.nanoTime();
        Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(HOSPITAL_SYSTEM).setValue(identifier);
        patient.addName().setFamily("監査").addGiven("戻");
        transaction.addEntry().setFullUrl("urn:uuid:7d1e4c2a-0000-4000-8000-" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L))
                .setResource(patient).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
        Observation orphan = new Observation();
        orphan.setStatus(Observation.ObservationStatus.FINAL);
        orphan.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
        orphan.setSubject(new Reference("Patient/no-such-patient-" + System.nanoTime()));
        transaction.addEntry().setResource(orphan).getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");

        FhirHttp.Response response = hospitalGateway.post("/fhir", transaction);

        assertThat(response.status()).as(response.body()).isBetween(400, 499);
        // The failure was recorded before the answer, through the appender; the rolled-back record left nothing.
        assertThat(eventsWithPendingSince(before, hospitalId)).containsExactly("EXECUTE POST /fhir FAILED");
        assertThat(jdbc.sql("SELECT status FROM hub.audit_event WHERE seq > ? AND facility_id = ?"
                + " AND resource = 'POST /fhir'").param(before).param(hospitalId).query(Integer.class).list())
                .containsExactly(response.status());
    }

    @Test
    void aGatedSearchIsTheRequestsEventAndOneAccessDecision() {
        assertThat(DemoSharing.consents(0)).isTrue();
        String number = DemoGateways.eventNumberOf(hospitalGateway, DemoDataLoader.networkPatient(0));
        long before = lastSeq();

        FhirHttp.Response search = clinicGateway.get("/fhir/Observation?patient=" + number + "&_sort=-date");

        assertThat(search.status()).as(search.body()).isEqualTo(200);
        assertThat(search.resource(Bundle.class).getEntry()).isNotEmpty();
        // Both were committed before the answer left, in one append: no waiting.
        assertThat(eventsSince(before, clinicId)).containsExactly(
                "SEARCH GET /fhir/Observation?patient=" + number + "&_sort=-date SUCCESS",
                "READ access-decision CLINICAL from " + hospitalId + " SUCCESS");
    }

    /** As {@link #eventsSince}, and the pending events (written with data, not yet chained) after them. */
    private List<String> eventsWithPendingSince(long seq, String facilityId) {
        return jdbc.sql("SELECT action || ' ' || resource || ' ' || outcome FROM (SELECT seq AS ord, action, resource,"
                        + " outcome, facility_id, actor_kind FROM hub.audit_event WHERE seq > ? UNION ALL SELECT"
                        + " 9223372036854775807 - 1000000 + id, action, resource, outcome, facility_id, actor_kind"
                        + " FROM hub.audit_pending) e WHERE facility_id = ? AND actor_kind = 'SYSTEM' ORDER BY ord")
                .param(seq).param(facilityId).query(String.class).list();
    }

    private long lastSeq() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM hub.audit_event").query(Long.class).single();
    }

    /** The events of the facility's systems after {@code seq}, as "action resource outcome", in order. */
    private List<String> eventsSince(long seq, String facilityId) {
        return jdbc.sql("SELECT action || ' ' || resource || ' ' || outcome FROM hub.audit_event"
                        + " WHERE seq > ? AND facility_id = ? AND actor_kind = 'SYSTEM' ORDER BY seq")
                .param(seq).param(facilityId).query(String.class).list();
    }
}
