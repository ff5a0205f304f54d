package jp.renkei.hub.gateway.jahis;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.gateway.jahis.JahisImport.JahisImportResult;
import jp.renkei.hub.gateway.jahis.JahisImport.JahisSource;
import org.springframework.stereotype.Service;

/**
 * A person's or system's upload of a JAHIS file for its pharmacy, for the API ({@code /api/gateway/jahis}) and the
 * portal page alike: the acting facility must be a pharmacy, the file at most {@link #MAX_BYTES}, and the patient
 * is the pharmacy's own, named by its local ID or by an event number it has linked. Then {@link JahisImport} reads,
 * maps and stores (or quarantines) the file.
 */
@Service
public class JahisUpload {

    /** Real notebook files are a few kilobytes; a megabyte holds years of dispensings. */
    public static final int MAX_BYTES = 1024 * 1024;

    private final JahisImport jahisImport;
    private final FacilityRegistry facilities;
    private final PatientCrossReference crossReference;

    public JahisUpload(JahisImport jahisImport, FacilityRegistry facilities, PatientCrossReference crossReference) {
        this.jahisImport = jahisImport;
        this.facilities = facilities;
        this.crossReference = crossReference;
    }

    /** Why an upload was refused before the file was read; nothing is stored or quarantined. */
    public enum Refusal {
        /** the acting facility is not a pharmacy */
        NOT_A_PHARMACY,
        /** the file is larger than {@link #MAX_BYTES} */
        TOO_LARGE,
        /** the file is empty */
        EMPTY,
        /** neither or both of local ID and event number given */
        PATIENT_MISSING,
        /** the event number is malformed */
        NUMBER_INVALID,
        /** the pharmacy has no local ID linked to the number (unknown numbers answer alike) */
        NUMBER_NOT_LINKED,
        /** the pharmacy linked several local IDs to the number */
        NUMBER_AMBIGUOUS
    }

    /** An upload refused before reading: the reason, and a sentence for API clients. */
    public static final class UploadRefused extends RuntimeException {
        private final Refusal refusal;

        UploadRefused(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** Whose the file is: the pharmacy's local patient ID, or an event number it has linked (exactly one). */
    public record PatientRef(String localPatientId, String eventNumber) {
    }

    /**
     * What an upload did.
     *
     * @param fileName       the name the file is reported and quarantined under
     * @param localPatientId the pharmacy's own local ID of the patient
     * @param eventNumber    the patient's event number, when the pharmacy has linked one
     */
    public record Uploaded(String fileName, String localPatientId, Optional<EventNumber> eventNumber,
                           JahisImportResult imported) {
    }

    /** Whether the requester acts for a pharmacy, the only kind of facility whose JAHIS files the hub takes. */
    public boolean mayUpload(Requester requester) {
        return facilities.find(requester.facilityId()).filter(f -> f.kind() == FacilityKind.PHARMACY).isPresent();
    }

    /** @throws UploadRefused when the upload is refused before the file is read (nothing stored or quarantined) */
    public Uploaded upload(Requester requester, String fileName, byte[] bytes, PatientRef patient) {
        String facilityId = requester.facilityId();
        if (!mayUpload(requester)) {
            throw new UploadRefused(Refusal.NOT_A_PHARMACY, "JAHIS dispensing records are uploaded by pharmacies;"
                    + " the acting facility " + facilityId + " is not one");
        }
        if (bytes.length > MAX_BYTES) {
            throw new UploadRefused(Refusal.TOO_LARGE, "the file has " + bytes.length + " bytes; at most "
                    + MAX_BYTES + " are accepted");
        }
        if (bytes.length == 0) {
            throw new UploadRefused(Refusal.EMPTY, "the file is empty");
        }
        String localPatientId = localPatientId(facilityId, patient);
        String name = fileName == null || fileName.isBlank() ? "upload-" + UUID.randomUUID() + ".txt" : fileName.strip();
        JahisImportResult imported = jahisImport.importFile(facilityId, new JahisSource(localPatientId, name), bytes);
        Optional<EventNumber> number = crossReference.eventNumberOf(new FacilityPatientId(facilityId, localPatientId));
        return new Uploaded(name, localPatientId, number, imported);
    }

    /** The pharmacy's own local ID of the patient: given, or the one it linked to the event number. */
    private String localPatientId(String facilityId, PatientRef patient) {
        boolean byId = patient.localPatientId() != null && !patient.localPatientId().isBlank();
        boolean byNumber = patient.eventNumber() != null && !patient.eventNumber().isBlank();
        if (byId == byNumber) {
            throw new UploadRefused(Refusal.PATIENT_MISSING, "give exactly one of patientId (the pharmacy's local"
                    + " patient ID) and eventNumber: a TC file does not identify its patient");
        }
        if (byId) {
            return patient.localPatientId().strip();
        }
        EventNumber number;
        try {
            number = EventNumber.parse(patient.eventNumber());
        } catch (ApiException e) {
            throw new UploadRefused(Refusal.NUMBER_INVALID, e.getMessage());
        }
        List<String> local = crossReference.resolve(number).map(n -> crossReference.localIdsOf(n, facilityId))
                .orElse(List.of());
        if (local.isEmpty()) {
            // Unknown and unlinked numbers answer alike: the hub does not tell which numbers exist.
            throw new UploadRefused(Refusal.NUMBER_NOT_LINKED, "this pharmacy has no local patient ID linked to "
                    + number.formatted() + "; link the patient first (POST /api/patients/links) or give patientId");
        }
        if (local.size() > 1) {
            throw new UploadRefused(Refusal.NUMBER_AMBIGUOUS, "this pharmacy linked several local patient IDs to "
                    + number.formatted() + "; give patientId");
        }
        return local.get(0);
    }
}
