package jp.renkei.hub.fhir.patient;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jp.renkei.hub.core.ids.HubKeyedIds;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place that resolves "the facility's Patient with this local patient ID", for every way data comes in
 * (SS-MIX2 and MLLP ingest, JAHIS files, DICOM C-STORE and STOW-RS):
 * <ul>
 *   <li>One Patient per local patient: resolution holds a transaction-scoped PostgreSQL advisory lock on
 *       facility and local ID, so that first arrivals racing from different channels queue up and the later one
 *       finds what the first created. It joins the caller's transaction (the lock lasts until the caller's writes
 *       commit) or runs in its own.</li>
 *   <li>Deterministic IDs ({@link #idFor}): the same facility and local ID always give the same Patient ID, keyed
 *       with the hub's identifier key so that nobody can compute it from a guessed local ID. A Patient that exists
 *       under another ID (created before this scheme) is found by its local identifier and keeps its ID.</li>
 *   <li>A Patient created here is JP Core's JP_Patient with the facility's local identifier, attributed to the
 *       facility, and carries the event numbers the cross-reference has for it ({@code PatientIdentifierSync}
 *       adds them later when the patient is enrolled or linked).</li>
 * </ul>
 */
@Component
public class FacilityPatients {

    private static final Logger log = LoggerFactory.getLogger(FacilityPatients.class);

    private final PatientStore patients;
    private final ActingFacilities facilities;
    private final PatientCrossReference crossReference;
    private final HubKeyedIds keyed;
    private final DaoRegistry daos;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    /** Patient IDs ({@link #idFor}) by facility and local ID, filled after commit (a rolled-back one is never kept). */
    private final Map<FacilityPatientId, String> known = new ConcurrentHashMap<>();

    public FacilityPatients(PatientStore patients, ActingFacilities facilities, PatientCrossReference crossReference,
                            HubKeyedIds keyed, DaoRegistry daos, JdbcClient jdbc,
                            PlatformTransactionManager transactionManager) {
        this.patients = patients;
        this.facilities = facilities;
        this.crossReference = crossReference;
        this.keyed = keyed;
        this.daos = daos;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** The facility has no medical-institution code, so its local patient IDs have no identifier system. */
    public static final class NoLocalSystem extends RuntimeException {
        NoLocalSystem(String facilityId) {
            super("facility " + facilityId + " is not registered with a medical-institution code");
        }
    }

    /**
     * The ID the facility's Patient has or gets, without creating it; for callers that write the Patient
     * themselves in the same transaction ({@link #prepare} it first). The lock is held until that transaction
     * ends, so call this inside it.
     */
    public String idOf(String facilityId, String localPatientId) {
        return transactions.execute(status -> resolve(facilityId, localPatientId, null));
    }

    /**
     * The ID of the facility's Patient; when there is none, {@code demographics} (names, sex, birth date as the
     * source has them) is {@linkplain #prepare prepared} and created under {@link #idFor}.
     */
    public String findOrCreate(String facilityId, String localPatientId, Patient demographics) {
        return transactions.execute(status -> resolve(facilityId, localPatientId, demographics));
    }

    /**
     * Makes {@code patient} the facility's Patient {@code patientId}: that ID, JP_Patient, the local identifier and
     * the event number identifiers of the cross-reference.
     */
    public Patient prepare(Patient patient, String facilityId, String localPatientId, String patientId) {
        String localSystem = localSystem(facilityId);
        patient.setId("Patient/" + patientId);
        if (!patient.getMeta().hasProfile(JpCoreSystems.JP_PATIENT)) {
            patient.getMeta().addProfile(JpCoreSystems.JP_PATIENT);
        }
        if (patient.getIdentifier().stream().noneMatch(i -> localSystem.equals(i.getSystem())
                && localPatientId.equals(i.getValue()))) {
            patient.addIdentifier().setSystem(localSystem).setValue(localPatientId);
        }
        Optional<EventNumber> number = crossReference.eventNumberOf(new FacilityPatientId(facilityId, localPatientId));
        List<EventNumber> retired = number.map(crossReference::retiredInto).orElse(List.of());
        EventNumberIdentifiers.reconciled(patient, number, retired).ifPresent(reconciled -> {
            patient.getIdentifier().clear();
            patient.getIdentifier().addAll(reconciled.getIdentifier());
        });
        return patient;
    }

    /**
     * The deterministic ID of the Patient the hub creates for a facility's local patient ID: {@code gk-} and 40 hex
     * digits, keyed. (The form gateway ingest has always used, so Patients stored before keep their IDs.)
     */
    public String idFor(String facilityId, String localPatientId) {
        return idFor(keyed, facilityId, localPatientId);
    }

    /** {@link #idFor(String, String)} under {@code keyed}, for code that holds the key but not this service. */
    public static String idFor(HubKeyedIds keyed, String facilityId, String localPatientId) {
        String unkeyed = "gw-" + HexFormat.of().formatHex(sha256(facilityId + "\nPatient\n" + localPatientId + "\n"),
                0, 20);
        return "gk-" + keyed.hex(20, "ingest-id", unkeyed);
    }

    private String resolve(String facilityId, String localPatientId, Patient demographics) {
        FacilityPatientId key = new FacilityPatientId(facilityId, localPatientId);
        String cached = known.get(key);
        if (cached != null) {
            return cached;
        }
        String localSystem = localSystem(facilityId);
        lock(facilityId, localPatientId);
        List<Patient> found = patients.byIdentifier(localSystem, localPatientId);
        String id;
        if (!found.isEmpty()) {
            if (found.size() > 1) {
                log.warn("Facility {} has {} Patients with one local ID; the first is used", facilityId, found.size());
            }
            id = found.get(0).getIdElement().getIdPart();
        } else {
            id = idFor(facilityId, localPatientId);
            if (demographics == null) {
                // The caller writes the Patient itself: nothing is known until its transaction commits.
                return id;
            }
            Patient created = prepare(demographics.copy(), facilityId, localPatientId, id);
            SourceFacilityStamp.tag(created, facilityId);
            daos.getResourceDao(Patient.class).update(created, new SystemRequestDetails());
        }
        if (!id.equals(idFor(facilityId, localPatientId))) {
            // Only IDs of this scheme are remembered: an older one may still be renamed (IngestIdMigration).
            return id;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                known.put(key, id);
            }
        });
        return id;
    }

    private String localSystem(String facilityId) {
        return facilities.localSystemOf(facilityId).orElseThrow(() -> new NoLocalSystem(facilityId));
    }

    /** Serialises transactions resolving one local patient until they end (PostgreSQL transaction-level lock). */
    private void lock(String facilityId, String localPatientId) {
        long lockKey = ByteBuffer.wrap(sha256("patient\n" + facilityId + "\n" + localPatientId)).getLong();
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(lockKey).query((rs, n) -> 1).list();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
