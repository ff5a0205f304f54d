package jp.renkei.hub.gateway.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import jp.renkei.hub.core.arrival.DataArrivals;
import jp.renkei.hub.core.arrival.DataChannel;
import jp.renkei.hub.fhir.consent.SourceFacilityStamp;
import jp.renkei.hub.fhir.patient.ActingFacilities;
import jp.renkei.hub.fhir.patient.FacilityPatients;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes {@link MappedRecord}s into the FHIR store as the hub itself (HAPI DAOs with {@link SystemRequestDetails}),
 * each record in one transaction together with its {@code hub.gateway_record} row and whatever the caller adds
 * (a file's ledger row), so that a crash leaves the record entirely stored or not at all.
 * <ul>
 *   <li>Attribution: every resource gets the source facility's tag ({@link SourceFacilityStamp#tag}).</li>
 *   <li>Idempotency: resource IDs are deterministic; a record whose version and content are already stored is not
 *       written at all; otherwise HAPI leaves unchanged resources at their version.</li>
 *   <li>Identifiers: the mappers' item IDs and source-record values are replaced by their keyed forms
 *       ({@link IngestIds#storedId}), references between the record's resources with them; item IDs are never
 *       stored.</li>
 *   <li>Versions: an older version than the stored one is ignored ({@link StoreOutcome#OUTDATED}); a newer one
 *       rewrites, and items it no longer has are marked entered-in-error, not deleted.</li>
 *   <li>Cancellation: resources of a cancelled record are written with {@link CancelledStatus}.</li>
 *   <li>Patients: {@link MappedRecord#SUBJECT} references point at the facility's Patient with the record's local
 *       ID, resolved by {@link FacilityPatients} (as the DICOM bridge does) and created (held: visible to the source
 *       facility only) when there is none; a Patient gets the event number identifiers the cross-reference has
 *       for it, and {@code PatientIdentifierSync} adds them later when the patient is enrolled or linked.</li>
 * </ul>
 */
@Component
public class IngestStore {

    private static final Logger log = LoggerFactory.getLogger(IngestStore.class);
    private static final int ATTEMPTS = 3;

    private final DaoRegistry daos;
    private final FhirContext fhirContext;
    private final TransactionTemplate transactions;
    private final SourceRecords records;
    private final ActingFacilities facilities;
    private final FacilityPatients facilityPatients;
    private final Clock clock;
    private final IngestIds ids;
    private final IngestIdMigration migration;
    private final DataArrivals arrivals;

    public IngestStore(DaoRegistry daos, PlatformTransactionManager transactionManager, SourceRecords records,
                       ActingFacilities facilities, FacilityPatients facilityPatients, Clock clock, IngestIds ids,
                       IngestIdMigration migration, DataArrivals arrivals) {
        this.daos = daos;
        this.fhirContext = daos.getFhirContext();
        this.transactions = new TransactionTemplate(transactionManager);
        this.records = records;
        this.facilities = facilities;
        this.facilityPatients = facilityPatients;
        this.clock = clock;
        this.ids = ids;
        this.migration = migration;
        this.arrivals = arrivals;
    }

    public StoreOutcome store(MappedRecord record) throws IngestFailure {
        return store(record, () -> { });
    }

    /**
     * Stores one record.
     *
     * @param alsoInTransaction run in the record's transaction after its writes (e.g. a ledger row), also when
     *                          nothing needed writing
     * @throws IngestFailure (rejected) when the facility is unknown or has no medical-institution code, so that
     *                       its patients cannot be identified; and when the store refuses the resources (e.g. an
     *                       invalid resource), with the store's reason
     */
    public StoreOutcome store(MappedRecord record, Runnable alsoInTransaction) throws IngestFailure {
        // Nothing is stored under keyed IDs while data under the old unkeyed ones is still being renamed.
        migration.ensureDone();
        if (facilities.localSystemOf(record.facilityId()).isEmpty()) {
            throw IngestFailure.rejected("facility " + record.facilityId()
                    + " is not registered with a medical-institution code");
        }
        String contentHash = contentHash(record);
        for (int attempt = 1; ; attempt++) {
            try {
                StoreOutcome outcome = transactions.execute(status -> apply(record, contentHash,
                        alsoInTransaction));
                // after the commit: the VPN status shows when data last arrived from the site
                arrivals.record(record.facilityId(), DataChannel.INGEST);
                return outcome;
            } catch (DataIntegrityViolationException | ResourceVersionConflictException e) {
                // Two records of one new patient raced to create its Patient: the loser sees it on retry.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.debug("Retrying {} after a concurrent write: {}", record.recordKey(), e.getMessage());
            } catch (ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException e) {
                throw new IngestFailure("the FHIR store refused the mapped resources: " + e.getMessage(),
                        ErrorLocation.WHOLE, false, e);
            }
        }
    }

    private StoreOutcome apply(MappedRecord record, String contentHash, Runnable also) {
        Optional<SourceRecords.Applied> applied = records.lock(record.facilityId(), record.recordKey());
        if (applied.isPresent()) {
            SourceRecords.Applied stored = applied.get();
            if (stored.version().isAfter(record.version())) {
                also.run();
                return StoreOutcome.OUTDATED;
            }
            if (stored.version().equals(record.version()) && stored.contentHash().equals(contentHash)) {
                also.run();
                return StoreOutcome.UNCHANGED;
            }
        }
        boolean carriesPatient = record.resources().stream().anyMatch(Patient.class::isInstance);
        String patientId = patientIdOf(record, !carriesPatient);
        Map<String, String> storedIds = storedIds(record);
        List<String> written = new ArrayList<>();
        for (Resource resource : record.resources()) {
            Resource copy = resource.copy();
            if (copy instanceof Patient patient) {
                facilityPatients.prepare(patient, record.facilityId(), record.localPatientId(), patientId);
            } else {
                copy.setId(storedIds.get(copy.fhirType() + "/" + copy.getIdElement().getIdPart()));
            }
            pointAtPatient(copy, patientId);
            ItemReferences.repoint(fhirContext, copy, storedIds);
            ItemReferences.sealSourceIdentifiers(fhirContext, copy, ids);
            if (record.cancelled()) {
                CancelledStatus.mark(copy);
            }
            written.add(write(copy, record.facilityId()));
        }
        applied.ifPresent(stored -> stored.resources().stream().filter(ref -> !written.contains(ref))
                .forEach(dropped -> markDropped(dropped, record.facilityId())));
        records.save(record, contentHash, written, clock.instant());
        also.run();
        if (record.cancelled()) {
            return StoreOutcome.CANCELLED;
        }
        return applied.isPresent() ? StoreOutcome.SUPERSEDED : StoreOutcome.CREATED;
    }

    /** {@code Type/item ID} → {@code Type/stored ID} for the record's resources (its Patient gets the patient's ID). */
    private Map<String, String> storedIds(MappedRecord record) {
        Map<String, String> stored = new HashMap<>();
        for (Resource resource : record.resources()) {
            String itemId = resource.getIdElement().getIdPart();
            if (!(resource instanceof Patient) && itemId != null) {
                stored.put(resource.fhirType() + "/" + itemId, resource.fhirType() + "/" + ids.storedId(itemId));
            }
        }
        return stored;
    }

    /**
     * The ID of the facility's Patient for the record ({@link FacilityPatients}, in the record's transaction): a
     * held Patient is created when there is none and the record does not carry one.
     */
    private String patientIdOf(MappedRecord record, boolean createWhenMissing) {
        if (!createWhenMissing) {
            return facilityPatients.idOf(record.facilityId(), record.localPatientId());
        }
        return facilityPatients.findOrCreate(record.facilityId(), record.localPatientId(), new Patient());
    }

    private void pointAtPatient(Resource resource, String patientId) {
        for (Reference reference : fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource,
                Reference.class)) {
            if (MappedRecord.SUBJECT.equals(reference.getReference())) {
                reference.setReference("Patient/" + patientId);
            }
        }
    }

    /** Writes (creates or updates) under the resource's own ID; returns {@code Type/id}. */
    @SuppressWarnings("unchecked")
    private String write(Resource resource, String facilityId) {
        SourceFacilityStamp.tag(resource, facilityId);
        IFhirResourceDao<IBaseResource> dao = (IFhirResourceDao<IBaseResource>) daos.getResourceDao(resource.fhirType());
        IdType id = new IdType(resource.fhirType(), resource.getIdElement().getIdPart());
        if (!id.hasIdPart()) {
            throw new IllegalArgumentException("a mapped " + resource.fhirType() + " has no ID (use IngestIds)");
        }
        ids.checkStored(id.getIdPart());
        resource.setId(id);
        dao.update(resource, new SystemRequestDetails());
        return id.getValue();
    }

    /** An item the newer version no longer has: kept, marked as cancelled / entered in error. */
    private void markDropped(String reference, String facilityId) {
        IdType id = new IdType(reference);
        IBaseResource stored = daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails());
        if (stored instanceof Resource resource && CancelledStatus.mark(resource)) {
            resource.setId(id.toUnqualifiedVersionless());
            write(resource, facilityId);
        }
    }

    private String contentHash(MappedRecord record) {
        IParser parser = fhirContext.newJsonParser();
        StringBuilder content = new StringBuilder(record.cancelled() ? "cancelled\n" : "current\n");
        content.append(record.localPatientId()).append('\n');
        for (Resource resource : record.resources()) {
            content.append(parser.encodeResourceToString(resource)).append('\n');
        }
        return IngestIds.sha256Hex(content.toString().getBytes(StandardCharsets.UTF_8));
    }
}
