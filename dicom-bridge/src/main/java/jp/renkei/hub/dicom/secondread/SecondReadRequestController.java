package jp.renkei.hub.dicom.secondread;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The requesting facility's side of second reads: ask, follow, cancel, read the report (linked to its own
 * patient and study: re-identified) and acknowledge it. Only requests of the acting facility are visible.
 */
@RestController
@RequestMapping("/api/second-reads/requests")
@Tag(name = "Second reads: requests", description = "Ask another facility for a second read of your own study")
public class SecondReadRequestController {

    public record NewRequest(String studyInstanceUid, String readingFacilityId, String question) {
    }

    /** What the requesting facility sees: its own study and everything about the request. */
    public record RequestView(String id, SecondReadStatus status, String studyInstanceUid, String readingFacilityId,
                              String readingFacilityName, String question, String pseudonym, String requestedBy,
                              Instant requestedAt, Instant claimedAt, String reportedBy, Instant reportedAt,
                              String diagnosticReportId, String acknowledgedBy, Instant acknowledgedAt,
                              Instant cancelledAt) {
    }

    private final SecondReads secondReads;
    private final FacilityRegistry facilities;
    private final FhirContext fhir;

    public SecondReadRequestController(SecondReads secondReads, FacilityRegistry facilities, FhirContext fhir) {
        this.secondReads = secondReads;
        this.facilities = facilities;
        this.fhir = fhir;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Request a second read of one of the acting facility's studies from a reading facility")
    public RequestView request(@RequestBody NewRequest request, @AuthenticationPrincipal HubPrincipal principal) {
        return view(secondReads.request(request.studyInstanceUid(), request.readingFacilityId(), request.question(),
                principal));
    }

    @GetMapping
    @Operation(summary = "The acting facility's second-read requests, newest first")
    public List<RequestView> list(@AuthenticationPrincipal HubPrincipal principal) {
        return secondReads.requestsOf(principal).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    public RequestView get(@PathVariable UUID id, @AuthenticationPrincipal HubPrincipal principal) {
        return view(secondReads.requested(id, principal));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a request nobody has claimed yet")
    public RequestView cancel(@PathVariable UUID id, @AuthenticationPrincipal HubPrincipal principal) {
        return view(secondReads.cancel(id, principal));
    }

    @GetMapping(value = "/{id}/report", produces = "application/fhir+json")
    @Operation(summary = "The report as the facility's own FHIR DiagnosticReport (its patient, its ImagingStudy)")
    public ResponseEntity<String> report(@PathVariable UUID id, @AuthenticationPrincipal HubPrincipal principal) {
        return ResponseEntity.ok().header("Content-Type", "application/fhir+json")
                .body(fhir.newJsonParser().encodeResourceToString(secondReads.report(id, principal)));
    }

    @GetMapping("/{id}/report/signature")
    @Operation(summary = "Check that the stored report is still exactly what the radiologist signed")
    public SecondReads.SignatureCheck signature(@PathVariable UUID id, @AuthenticationPrincipal HubPrincipal principal) {
        return secondReads.verify(id, principal);
    }

    @PostMapping("/{id}/acknowledge")
    @Operation(summary = "Acknowledge a reported second read")
    public RequestView acknowledge(@PathVariable UUID id, @AuthenticationPrincipal HubPrincipal principal) {
        return view(secondReads.acknowledge(id, principal));
    }

    private RequestView view(SecondRead read) {
        String readingName = facilities.find(read.readingFacilityId()).map(Facility::details)
                .map(d -> d.name()).orElse(null);
        return new RequestView(read.id().toString(), read.status(), read.studyUid(), read.readingFacilityId(),
                readingName, read.question(), read.pseudonym().token(), read.requested().personId(),
                read.requested().at(), at(read.claimed()), by(read.reported()), at(read.reported()),
                read.diagnosticReportId(), by(read.acknowledged()), at(read.acknowledged()), at(read.cancelled()));
    }

    static Instant at(SecondRead.Step step) {
        return step == null ? null : step.at();
    }

    static String by(SecondRead.Step step) {
        return step == null ? null : step.personId();
    }
}
