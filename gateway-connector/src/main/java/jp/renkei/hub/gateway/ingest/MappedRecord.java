package jp.renkei.hub.gateway.ingest;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One unit of work for the {@link IngestStore}, whatever its source: the FHIR resources mapped from one source
 * record (an SS-MIX2 order of one data type, a JAHIS dispensing), stored together or not at all.
 *
 * @param facilityId     the source facility's hub ID; every resource is attributed to it
 * @param localPatientId the patient's ID at that facility; references to {@link #SUBJECT} are resolved to the
 *                       facility's Patient with this ID (created, held, when the facility has none yet)
 * @param recordKey      the idempotency key within the facility, e.g. {@code 9999013/OMP-01/000000011000185}
 * @param version        the source's own timestamp for this version of the record; a newer version
 *                       supersedes, an older one is ignored
 * @param cancelled      the source cancelled the record (SS-MIX2 condition flag 0, HL7 ORC-1 CA): its resources
 *                       are kept, marked entered-in-error / cancelled
 * @param resources      the resources in write order (a resource's reference targets first), each with its ID
 *                       from {@link IngestIds#itemId} (the store keys it); a {@link Patient} among them becomes the facility's Patient
 * @param source         where the record came from (reports, audit)
 */
public record MappedRecord(String facilityId, String localPatientId, String recordKey, LocalDateTime version,
                           boolean cancelled, List<Resource> resources, SourceRef source) {

    /** Reference placeholder for "the patient of this record"; the store points it at the real Patient. */
    public static final String SUBJECT = "Patient/record-subject";

    public MappedRecord {
        Objects.requireNonNull(facilityId, "facilityId");
        Objects.requireNonNull(localPatientId, "localPatientId");
        Objects.requireNonNull(recordKey, "recordKey");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        resources = List.copyOf(resources);
    }

    /** A new reference to the record's patient, for {@code subject}/{@code patient} elements. */
    public static Reference subject() {
        return new Reference(SUBJECT);
    }
}
