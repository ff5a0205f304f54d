package jp.renkei.hub.dicom.secondread;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.patient.FacilityPatientId;
import jp.renkei.hub.core.patient.PatientCrossReference;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.dicom.deid.StudyPseudonym;
import jp.renkei.hub.dicom.store.ImageIndex;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The second-read workflow (二次読影). A doctor or radiologist of a facility asks a reading facility for a second
 * read of one of their own facility's studies, with a clinical question; the reading facility's radiologists see
 * it on their worklist under a pseudonym and read the study de-identified; one claims it, reads it and signs a
 * report; the report is written as the requesting facility's FHIR data, linked to its own patient and study; the
 * requester acknowledges it. Every move is checked against the current status and audited. Each side reaches a
 * request only through its own facility: another facility's request is "not found".
 */
@Service
public class SecondReads {

    static final int QUESTION_MAX = 2000;
    static final int TEXT_MAX = 20_000;
    private static final Set<SecondReadStatus> OPEN_FOR_READERS =
            EnumSet.of(SecondReadStatus.REQUESTED, SecondReadStatus.IN_PROGRESS);

    private final SecondReadStore store;
    private final ImageIndex index;
    private final FacilityRegistry facilities;
    private final PatientCrossReference crossReference;
    private final SecondReadReports reports;
    private final ReportSignature signature;
    private final SecondReadProperties properties;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SecondReads(SecondReadStore store, ImageIndex index, FacilityRegistry facilities,
                PatientCrossReference crossReference, SecondReadReports reports, ReportSignature signature,
                SecondReadProperties properties, AuditTrail audit, Clock clock) {
        this.store = store;
        this.index = index;
        this.facilities = facilities;
        this.crossReference = crossReference;
        this.reports = reports;
        this.signature = signature;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- the requesting facility ----

    public SecondRead request(String studyUid, String readingFacilityId, String question, HubPrincipal requester) {
        String facility = requester.actingFacilityId();
        ImageIndex.Study study = index.study(studyUid == null ? "" : studyUid.strip())
                .filter(s -> s.facilityId().equals(facility))
                .orElseThrow(() -> ApiException.notFound("study " + studyUid + " among the studies of facility "
                        + facility));
        if (readingFacilityId == null || facilities.find(readingFacilityId.strip()).isEmpty()) {
            throw ApiException.invalid("readingFacilityId", "is not a registered facility");
        }
        String reading = readingFacilityId.strip();
        if (reading.equals(facility)) {
            throw ApiException.invalid("readingFacilityId", "must be another facility than the requesting one");
        }
        if (!facilities.isActive(reading)) {
            throw ApiException.invalid("readingFacilityId", "facility " + reading + " is not ACTIVE");
        }
        String text = checkedQuestion(question, study);
        SecondRead read = new SecondRead(UUID.randomUUID(), facility, reading, study.studyUid(), text,
                SecondReadStatus.REQUESTED, StudyPseudonym.random(random), properties.dates(),
                new SecondRead.Step(requester.id(), now()), null, null, null, null, null, null, null);
        store.insert(read);
        record(requester, AuditAction.CREATE, read, "second read REQUESTED of study " + study.studyUid()
                + " from facility " + reading);
        return read;
    }

    public List<SecondRead> requestsOf(HubPrincipal requester) {
        return store.requestedBy(requester.actingFacilityId());
    }

    /** A request of the requester's facility. */
    public SecondRead requested(UUID id, HubPrincipal requester) {
        return store.find(id).filter(r -> r.requestingFacilityId().equals(requester.actingFacilityId()))
                .orElseThrow(() -> notFound(id, requester));
    }

    public SecondRead cancel(UUID id, HubPrincipal requester) {
        SecondRead read = requested(id, requester);
        return move(read, SecondReadStatus.REQUESTED, SecondReadStatus.CANCELLED, "cancelled",
                Map.of("cancelled_by", requester.id(), "cancelled_at", now()), requester, AuditAction.UPDATE);
    }

    public SecondRead acknowledge(UUID id, HubPrincipal requester) {
        SecondRead read = requested(id, requester);
        return move(read, SecondReadStatus.REPORTED, SecondReadStatus.ACKNOWLEDGED, "acknowledged",
                Map.of("acknowledged_by", requester.id(), "acknowledged_at", now()), requester, AuditAction.UPDATE);
    }

    /** The report of a reported request, as the requesting facility's FHIR DiagnosticReport. */
    public DiagnosticReport report(UUID id, HubPrincipal requester) {
        SecondRead read = requested(id, requester);
        if (read.diagnosticReportId() == null) {
            throw ApiException.conflict("second read " + id + " is " + read.status() + "; it has no report yet");
        }
        return reports.report(read.diagnosticReportId()).orElseThrow(() -> ApiException.notFound(
                "DiagnosticReport/" + read.diagnosticReportId()));
    }

    /** Whether the stored report still is what the radiologist signed. */
    public SignatureCheck verify(UUID id, HubPrincipal requester) {
        SecondRead read = requested(id, requester);
        DiagnosticReport report = report(id, requester);
        String findings = reports.findings(report).map(SecondReadReports::findingsText).orElse("");
        ReportSignature.Content content = new ReportSignature.Content(read.id().toString(), read.studyUid(),
                read.readingFacilityId(), read.reported().personId(), read.reported().at(),
                report.getConclusion() == null ? "" : report.getConclusion(), findings);
        return new SignatureCheck(signature.verify(content, read.reportSignature()), read.reported().personId(),
                read.reported().at(), ReportSignature.ALGORITHM, read.provenanceId());
    }

    /**
     * A reported request's report as its requester reads it: impression (conclusion), findings, who signed it
     * and when, and whether the stored report still is what they signed.
     */
    public record SignedReport(String conclusion, String findings, String signerId, String signerName,
                               Instant signedAt, boolean signatureValid) {
    }

    /** The signed report of a reported (or acknowledged) request of the requester's facility. */
    public SignedReport signedReport(UUID id, HubPrincipal requester) {
        DiagnosticReport report = report(id, requester);
        SignatureCheck check = verify(id, requester);
        String findings = reports.findings(report).map(SecondReadReports::findingsText).orElse("");
        String signer = report.getResultsInterpreter().stream().map(r -> r.getDisplay()).filter(d -> d != null)
                .findFirst().orElse(check.signerId());
        return new SignedReport(report.getConclusion() == null ? "" : report.getConclusion(), findings,
                check.signerId(), signer, check.signedAt(), check.valid());
    }

    /** The outcome of checking a report against its signature. */
    public record SignatureCheck(boolean valid, String signerId, Instant signedAt, String algorithm,
                                 String provenanceId) {
    }

    // ---- the reading facility ----

    /** Open requests addressed to the reader's facility, oldest first; with {@code all}, also finished ones. */
    public List<SecondRead> worklist(HubPrincipal reader, boolean all) {
        requireRadiologist(reader);
        return store.addressedTo(reader.actingFacilityId(), all ? EnumSet.allOf(SecondReadStatus.class)
                : OPEN_FOR_READERS);
    }

    /** A request addressed to the reader's facility. */
    public SecondRead assigned(UUID id, HubPrincipal reader) {
        requireRadiologist(reader);
        return store.find(id).filter(r -> r.readingFacilityId().equals(reader.actingFacilityId()))
                .orElseThrow(() -> notFound(id, reader));
    }

    public SecondRead claim(UUID id, HubPrincipal radiologist) {
        SecondRead read = assigned(id, radiologist);
        return move(read, SecondReadStatus.REQUESTED, SecondReadStatus.IN_PROGRESS, "claimed",
                Map.of("claimed_by", radiologist.id(), "claimed_at", now()), radiologist, AuditAction.UPDATE);
    }

    /** The radiologist who claimed the request signs the report; it is written as the requester's FHIR data. */
    public SecondRead report(UUID id, String conclusion, String findings, HubPrincipal radiologist) {
        SecondRead read = assigned(id, radiologist);
        requireStatus(read, SecondReadStatus.IN_PROGRESS, "reported");
        if (!read.claimed().personId().equals(radiologist.id())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "second read " + id
                    + " was claimed by another radiologist; only they can report it");
        }
        String conclusionText = required("conclusion", conclusion);
        String findingsText = required("findings", findings);
        ImageIndex.Study study = index.study(read.studyUid()).orElseThrow();
        ImagingStudy imagingStudy = (study.imagingStudyId() == null ? java.util.Optional.<ImagingStudy>empty()
                : reports.imagingStudy(study.imagingStudyId())).orElseThrow(() -> ApiException.conflict(
                "the study's ImagingStudy is not written yet; submit the report again in a moment"));
        Instant signedAt = now();
        ReportSignature.Content content = new ReportSignature.Content(read.id().toString(), read.studyUid(),
                read.readingFacilityId(), radiologist.id(), signedAt, conclusionText, findingsText);
        String seal = signature.sign(content);
        SecondReadReports.Written written = reports.write(read, imagingStudy, radiologist, content, seal);
        return move(read, SecondReadStatus.IN_PROGRESS, SecondReadStatus.REPORTED, "reported",
                Map.of("reported_by", radiologist.id(), "reported_at", signedAt,
                        "diagnostic_report_id", written.diagnosticReportId(),
                        "provenance_id", written.provenanceId(), "report_signature", seal),
                radiologist, AuditAction.CREATE);
    }

    // ---- shared ----

    private SecondRead move(SecondRead read, SecondReadStatus from, SecondReadStatus to, String verb,
                            Map<String, Object> columns, HubPrincipal actor, AuditAction action) {
        requireStatus(read, from, verb);
        if (!store.move(read.id(), from, to, columns)) {
            // someone else moved it between our read and our update
            requireStatus(store.find(read.id()).orElseThrow(), from, verb);
        }
        SecondRead moved = store.find(read.id()).orElseThrow();
        record(actor, action, moved, "second read " + from + " -> " + to);
        return moved;
    }

    private static void requireStatus(SecondRead read, SecondReadStatus expected, String verb) {
        if (read.status() != expected) {
            throw ApiException.conflict("second read " + read.id() + " is " + read.status() + "; only a "
                    + expected + " second read can be " + verb);
        }
    }

    private static void requireRadiologist(HubPrincipal reader) {
        // HubAccessRules admits only radiologists to the worklist; checked here too for callers other than HTTP
        if (!reader.has(HubRole.RADIOLOGIST)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "only a RADIOLOGIST of the reading facility reads second"
                    + " reads; acting as " + reader.roles());
        }
    }

    /**
     * The question is shown to the reading facility, so it must not name the patient: it is refused when it
     * contains the patient's name (any part), local ID, event number, birth date or the accession number.
     */
    private String checkedQuestion(String question, ImageIndex.Study study) {
        String text = required("question", question);
        if (text.length() > QUESTION_MAX) {
            throw ApiException.invalid("question", "must be at most " + QUESTION_MAX + " characters");
        }
        List<String> identifying = new ArrayList<>();
        identifying.add(study.patientLocalId());
        if (study.patientName() != null) {
            for (String part : study.patientName().split("[\\^=]")) {
                if (part.strip().length() >= 2) {
                    identifying.add(part.strip());
                }
            }
        }
        identifying.add(study.patientBirthDate());
        identifying.add(study.accessionNumber());
        crossReference.eventNumberOf(new FacilityPatientId(study.facilityId(), study.patientLocalId()))
                .ifPresent(number -> {
                    identifying.add(number.digits());
                    identifying.add(number.formatted());
                });
        String lower = text.toLowerCase(Locale.ROOT);
        for (String value : identifying) {
            if (value != null && !value.isBlank() && lower.contains(value.toLowerCase(Locale.ROOT))) {
                throw ApiException.invalid("question", "must not contain the patient's name, ID, event number,"
                        + " birth date or accession number: the reading facility sees it");
            }
        }
        return text;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        if (value.length() > TEXT_MAX) {
            throw ApiException.invalid(field, "must be at most " + TEXT_MAX + " characters");
        }
        return value.strip();
    }

    private static ApiException notFound(UUID id, HubPrincipal principal) {
        return ApiException.notFound("second read " + id + " for facility " + principal.actingFacilityId());
    }

    private void record(HubPrincipal actor, AuditAction action, SecondRead read, String detail) {
        audit.record(new AuditEntry(actor.kind().name(), actor.id(), actor.actingFacilityId(),
                actor.roles().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()), null, action,
                "second-read/" + read.id(), AuditOutcome.SUCCESS, 0, null, null, detail));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
