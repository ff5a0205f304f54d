package jp.renkei.hub.gateway.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.renkei.hub.fhir.patient.ActingFacilities;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves data ingested before keyed IDs to them, at start and before anything is stored (the {@link IngestStore}
 * waits for it): every resource under an old unkeyed ID ({@code gw-} and 40 hex digits) is renamed to
 * {@link IngestIds#storedId} of that ID, which is what ingesting the same item gives now, so re-ingest stays
 * idempotent; references to it are repointed, the ledger rows list the new IDs, and the old resource is deleted and
 * expunged. Each rename commits on its own, so an interrupted run loses nothing and the next start finishes it; a
 * marker row then records that it is done and with which key.
 * <p>
 * Old IDs are recognised, not guessed: a Patient by recomputing the old ID from its local identifier for each
 * facility in the ledger; any other resource by being listed in a ledger row not yet migrated ({@code keyed_ids}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class IngestIdMigration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IngestIdMigration.class);

    /** What a run renamed. */
    public record Outcome(int patients, int records) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ResourceRenames renames;
    private final IngestIds ids;
    private final ActingFacilities facilities;
    private final Clock clock;
    private volatile boolean done;

    public IngestIdMigration(JdbcClient jdbc, PlatformTransactionManager transactionManager,
                             ResourceRenames renames, IngestIds ids, ActingFacilities facilities, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.renames = renames;
        this.ids = ids;
        this.facilities = facilities;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureDone();
    }

    /**
     * Returns at once when the marker row is there and names this key; migrates and writes it otherwise.
     *
     * @throws IllegalStateException when the data was stored with another identifier key
     */
    public void ensureDone() {
        if (done) {
            return;
        }
        synchronized (this) {
            if (done) {
                return;
            }
            Optional<String> keyCheck = jdbc.sql("SELECT key_check FROM hub.gateway_id_migration")
                    .query(String.class).optional();
            if (keyCheck.isEmpty()) {
                Outcome outcome = migrate();
                jdbc.sql("""
                                INSERT INTO hub.gateway_id_migration (id, key_check, patients_renamed, records_renamed,
                                                                      completed_at)
                                VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                        .params(ids.keyCheck(), outcome.patients(), outcome.records(), Timestamp.from(clock.instant()))
                        .update();
                log.info("Ingested data on keyed IDs: {} Patients and {} source records renamed", outcome.patients(),
                        outcome.records());
            } else if (!keyCheck.get().equals(ids.keyCheck())) {
                throw new IllegalStateException("The identifier key (renkei.ids.key or the key file) is not the one"
                        + " the ingested data was stored with: restore that key. With another key every item ingested"
                        + " again would be stored a second time under a new ID.");
            }
            done = true;
        }
    }

    /** Renames whatever is still under old IDs; running it again when nothing is left does nothing. */
    Outcome migrate() {
        return new Outcome(renamePatients(), renameRecords());
    }

    /** The old, unkeyed ID of a facility's Patient: only to recognise Patients stored before keyed IDs. */
    static String legacyPatientId(String facilityId, String localPatientId) {
        return IngestIds.itemId(facilityId, "Patient", localPatientId, "");
    }

    private int renamePatients() {
        Map<String, String> localSystems = new HashMap<>();
        jdbc.sql("SELECT DISTINCT facility_id::text FROM hub.gateway_record").query(String.class).list()
                .forEach(facility -> facilities.localSystemOf(facility)
                        .ifPresent(system -> localSystems.put(facility, system)));
        List<String> candidates = jdbc.sql("""
                        SELECT fhir_id FROM hfj_resource
                         WHERE res_type = 'Patient' AND res_deleted_at IS NULL AND fhir_id ~ '^gw-[0-9a-f]{40}$'""")
                .query(String.class).list();
        int renamed = 0;
        for (String id : candidates) {
            Boolean done = transactions.execute(status -> renamePatient(id, localSystems));
            renamed += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return renamed;
    }

    private boolean renamePatient(String id, Map<String, String> localSystems) {
        Optional<Patient> patient = renames.read(new IdType("Patient", id)).map(Patient.class::cast);
        Optional<String> facility = patient.flatMap(p -> ingestedBy(p, localSystems));
        if (facility.isEmpty()) {
            patient.ifPresent(p -> log.warn("Patient/{} has the form of an old ingest ID but is no facility's ingested"
                    + " Patient: left as it is", id));
            return false;
        }
        String from = "Patient/" + id;
        String to = "Patient/" + ids.storedId(id);
        renames.rename(Map.of(from, to));
        // The ledger lists a Patient where a record (ADT-00, JAHIS) wrote it.
        jdbc.sql("SELECT record_key, resources FROM hub.gateway_record WHERE facility_id = ? AND resources LIKE ? "
                        + "FOR UPDATE")
                .params(UUID.fromString(facility.get()), "%" + from + "%")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(row -> updateResources(facility.get(), row.getKey(), Arrays.stream(row.getValue().split(" "))
                        .map(ref -> ref.equals(from) ? to : ref).toList(), false));
        return true;
    }

    /** The facility whose old ingest ID for the Patient's local identifier is the Patient's ID, if any. */
    private static Optional<String> ingestedBy(Patient patient, Map<String, String> localSystems) {
        String id = patient.getIdElement().getIdPart();
        for (Map.Entry<String, String> facility : localSystems.entrySet()) {
            for (Identifier identifier : patient.getIdentifier()) {
                if (facility.getValue().equals(identifier.getSystem()) && identifier.hasValue()
                        && legacyPatientId(facility.getKey(), identifier.getValue()).equals(id)) {
                    return Optional.of(facility.getKey());
                }
            }
        }
        return Optional.empty();
    }

    private int renameRecords() {
        List<Map.Entry<String, String>> rows = jdbc.sql(
                        "SELECT facility_id::text, record_key FROM hub.gateway_record WHERE NOT keyed_ids")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list();
        int renamed = 0;
        for (Map.Entry<String, String> row : rows) {
            Boolean done = transactions.execute(status -> renameRecord(row.getKey(), row.getValue()));
            renamed += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return renamed;
    }

    private boolean renameRecord(String facilityId, String recordKey) {
        Optional<String> resources = jdbc.sql("""
                        SELECT resources FROM hub.gateway_record
                         WHERE facility_id = ? AND record_key = ? AND NOT keyed_ids FOR UPDATE""")
                .params(UUID.fromString(facilityId), recordKey).query(String.class).optional();
        if (resources.isEmpty()) {
            return false;
        }
        Map<String, String> moves = new LinkedHashMap<>();
        List<String> refs = resources.get().isEmpty() ? List.of() : Arrays.asList(resources.get().split(" "));
        for (String ref : refs) {
            IdType id = new IdType(ref);
            // Patients were renamed above, by their local identifier; a Patient still here is not an ingested one.
            if (!id.getResourceType().equals("Patient") && IngestIds.isItemId(id.getIdPart())) {
                moves.put(ref, id.getResourceType() + "/" + ids.storedId(id.getIdPart()));
            }
        }
        renames.rename(moves);
        updateResources(facilityId, recordKey, refs.stream().map(ref -> moves.getOrDefault(ref, ref)).toList(), true);
        return true;
    }

    private void updateResources(String facilityId, String recordKey, List<String> resources, boolean keyed) {
        jdbc.sql("""
                        UPDATE hub.gateway_record SET resources = ?, keyed_ids = keyed_ids OR ?
                         WHERE facility_id = ? AND record_key = ?""")
                .params(String.join(" ", resources), keyed, UUID.fromString(facilityId), recordKey).update();
    }

}
