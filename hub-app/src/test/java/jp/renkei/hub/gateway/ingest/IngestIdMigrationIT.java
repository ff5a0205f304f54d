package jp.renkei.hub.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPaths;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.arrival.DataArrivals;
import jp.renkei.hub.core.ids.HubKeyedIds;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.fhir.patient.ActingFacilities;
import jp.renkei.hub.fhir.patient.FacilityPatients;
import jp.renkei.hub.fhir.patient.PatientStore;
import jp.renkei.hub.core.monitoring.HubMeters;
import jp.renkei.hub.gateway.ss2.Hl7MessageIngest;
import jp.renkei.hub.gateway.ss2.Ss2Pipeline;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Data stored under the old unkeyed IDs (ingested here with the old scheme, as the demo clinic, whose data no other
 * test ingests) is renamed to the keyed IDs: references follow, the ledger lists the new IDs, the old IDs are gone,
 * and ingesting the same messages again writes nothing.
 */
@HubIntegrationTest
class IngestIdMigrationIT {

    private static final Path SAMPLES = Path.of(TestPaths.SHARED, "testdata/ssmix2/sampleData");

    @Autowired
    ApplicationContext context;
    @Autowired
    DaoRegistry daos;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    SourceRecords records;
    @Autowired
    ActingFacilities facilities;
    @Autowired
    PatientStore patients;
    @Autowired
    PatientCrossReference crossReference;
    @Autowired
    Quarantine quarantine;
    @Autowired
    IngestIds ids;
    @Autowired
    IngestIdMigration migration;
    @Autowired
    Hl7MessageIngest keyedIngest;

    @Test
    void oldUnkeyedIdsAreRenamedWithTheirReferencesAndReIngestStaysIdempotent() throws IOException {
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        List<byte[]> messages = sampleMessages();
        Hl7MessageIngest legacyIngest = new Hl7MessageIngest(new Ss2Pipeline(legacyStore(), quarantine,
                transactionManager, context.getBean(HubMeters.class)));
        messages.forEach(message -> legacyIngest.receive(clinic, message));
        // As Flyway left the rows written before keyed IDs.
        jdbc.sql("UPDATE hub.gateway_record SET keyed_ids = false WHERE facility_id = ?::uuid").param(clinic).update();

        String oldPatient = "Patient/" + IngestIdMigration.legacyPatientId(clinic, "9999013");
        Map<String, String> oldRefs = ledger(clinic);
        List<String> oldIds = oldRefs.values().stream().flatMap(refs -> Arrays.stream(refs.split(" "))).toList();
        assertThat(oldIds).hasSizeGreaterThan(10).allMatch(ref -> ref.contains("/gw-")).contains(oldPatient);
        Observation oldObservation = (Observation) read(oldIds.stream().filter(r -> r.startsWith("Observation/"))
                .findFirst().orElseThrow());
        IdType oldSubject = new IdType(oldObservation.getSubject().getReference());
        assertThat(oldSubject.getIdPart()).startsWith("gw-");
        Identifier oldSource = sourceIdentifier(oldObservation);
        CarePlan outsider = new CarePlan();
        outsider.setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PLAN)
                .setDescription("written by a facility, not by the ingest");
        outsider.setSubject(new Reference(oldPatient));
        String outsiderId = daos.getResourceDao(CarePlan.class).create(outsider, new SystemRequestDetails()).getId()
                .toUnqualifiedVersionless().getValue();

        long legacyPatients = jdbc.sql("SELECT count(*) FROM hfj_resource WHERE res_type = 'Patient'"
                + " AND fhir_id LIKE 'gw-%'").query(Long.class).single();
        long rows = jdbc.sql("SELECT count(*) FROM hub.gateway_record WHERE facility_id = ?::uuid").param(clinic)
                .query(Long.class).single();

        IngestIdMigration.Outcome outcome = migration.migrate();

        assertThat(outcome.patients()).isPositive().isEqualTo(legacyPatients);
        assertThat(outcome.records()).isEqualTo(rows);
        assertThat(migration.migrate()).as("nothing left to do").isEqualTo(new IngestIdMigration.Outcome(0, 0));
        Map<String, String> newRefs = ledger(clinic);
        assertThat(newRefs.keySet()).isEqualTo(oldRefs.keySet());
        assertThat(jdbc.sql("SELECT count(*) FROM hub.gateway_record WHERE facility_id = ?::uuid AND NOT keyed_ids")
                .param(clinic).query(Long.class).single()).isZero();
        String newPatient = "Patient/" + ids.patientIdFor(clinic, "9999013");
        for (String key : oldRefs.keySet()) {
            List<String> before = Arrays.asList(oldRefs.get(key).split(" "));
            List<String> after = Arrays.asList(newRefs.get(key).split(" "));
            assertThat(after).hasSameSizeAs(before);
            for (int i = 0; i < before.size(); i++) {
                IdType old = new IdType(before.get(i));
                assertThat(after.get(i)).isEqualTo(old.getResourceType() + "/" + ids.storedId(old.getIdPart()));
                assertThat(read(after.get(i)).getIdElement().getIdPart()).startsWith("gk-");
                String gone = before.get(i);
                assertThatThrownBy(() -> read(gone)).as(gone).isInstanceOf(ResourceNotFoundException.class);
            }
        }
        for (String ref : newRefs.values().stream().flatMap(refs -> Arrays.stream(refs.split(" "))).toList()) {
            Resource resource = read(ref);
            if (resource instanceof Observation observation) {
                assertThat(read(observation.getSubject().getReference()).getIdElement().getIdPart()).startsWith("gk-");
            }
            if (resource instanceof DiagnosticReport report) {
                assertThat(report.getResult()).isNotEmpty().allSatisfy(result -> assertThat(read(result.getReference())
                        .getIdElement().getIdPart()).startsWith("gk-"));
            }
        }
        Observation renamed = (Observation) read(oldObservation.getResourceType().name() + "/"
                + ids.storedId(oldObservation.getIdElement().getIdPart()));
        assertThat(renamed.getSubject().getReference()).isEqualTo("Patient/" + ids.storedId(oldSubject.getIdPart()));
        assertThat(sourceIdentifier(renamed).getValue()).isEqualTo(ids.storedSourceValue(oldSource.getValue()))
                .isNotEqualTo(oldSource.getValue());
        assertThat(((CarePlan) read(outsiderId)).getSubject().getReference()).isEqualTo(newPatient);
        assertThat(jdbc.sql("SELECT count(*) FROM hfj_resource WHERE fhir_id = ?")
                .param(new IdType(oldPatient).getIdPart()).query(Long.class).single()).as("expunged").isZero();

        List<StoreOutcome> again = new ArrayList<>();
        messages.forEach(message -> again.addAll(keyedIngest.receive(clinic, message).outcomes()));
        assertThat(again).isNotEmpty().allMatch(o -> o == StoreOutcome.UNCHANGED || o == StoreOutcome.OUTDATED);
        assertThat(ledger(clinic)).isEqualTo(newRefs);
    }

    /** Stores as the hub did before keyed IDs: every item under its unkeyed ID and source-record value. */
    private IngestStore legacyStore() {
        IngestIds unkeyed = new IngestIds(HubKeyedIds.withRandomKey()) {
            @Override
            public String storedId(String itemId) {
                return itemId;
            }

            @Override
            String storedSourceValue(String itemValue) {
                return itemValue;
            }

            @Override
            void checkStored(String id) {
            }
        };
        FacilityPatients unkeyedPatients = new FacilityPatients(patients, facilities, crossReference,
                HubKeyedIds.withRandomKey(), daos, jdbc, transactionManager) {
            @Override
            public String idFor(String facilityId, String localPatientId) {
                return IngestIdMigration.legacyPatientId(facilityId, localPatientId);
            }
        };
        return new IngestStore(daos, transactionManager, records, facilities, unkeyedPatients, Clock.systemUTC(),
                unkeyed, migration, context.getBean(DataArrivals.class));
    }

    private List<byte[]> sampleMessages() throws IOException {
        try (Stream<Path> files = Files.walk(SAMPLES.resolve("999/901/9999013"))) {
            List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
            List<byte[]> messages = new ArrayList<>();
            for (Path file : sorted) {
                messages.add(Files.readAllBytes(file));
            }
            return messages;
        }
    }

    /** The clinic's ledger: record key → listed resources. */
    private Map<String, String> ledger(String facilityId) {
        Map<String, String> rows = new LinkedHashMap<>();
        jdbc.sql("SELECT record_key, resources FROM hub.gateway_record WHERE facility_id = ?::uuid AND resources <> ''"
                        + " ORDER BY record_key").param(facilityId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(row -> rows.put(row.getKey(), row.getValue()));
        return rows;
    }

    private Resource read(String reference) {
        IdType id = new IdType(reference);
        return (Resource) daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails());
    }

    private static Identifier sourceIdentifier(Observation observation) {
        return observation.getIdentifier().stream().filter(i -> IngestIds.SOURCE_RECORD.equals(i.getSystem()))
                .findFirst().orElseThrow();
    }
}
