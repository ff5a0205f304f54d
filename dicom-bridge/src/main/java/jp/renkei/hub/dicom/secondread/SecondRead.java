package jp.renkei.hub.dicom.secondread;

import java.time.Instant;
import java.util.UUID;

import jp.renkei.hub.dicom.deid.DateHandling;
import jp.renkei.hub.dicom.deid.StudyPseudonym;

/**
 * One second-read request as stored. It holds both sides' data: the original study and who asked (for the
 * requesting facility) and the pseudonymous release (for the reading facility); the views in the controllers
 * decide which side sees what.
 */
public record SecondRead(UUID id, String requestingFacilityId, String readingFacilityId, String studyUid,
                         String question, SecondReadStatus status, StudyPseudonym pseudonym, DateHandling dateHandling,
                         Step requested, Step claimed, Step reported, Step acknowledged, Step cancelled,
                         String diagnosticReportId, String provenanceId, String reportSignature) {

    /** Who moved the request into a status, and when; null while it has not happened. */
    public record Step(String personId, Instant at) {
    }
}
