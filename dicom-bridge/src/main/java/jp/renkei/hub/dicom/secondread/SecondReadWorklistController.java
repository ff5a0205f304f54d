package jp.renkei.hub.dicom.secondread;

import static jp.renkei.hub.dicom.secondread.SecondReadRequestController.at;
import static jp.renkei.hub.dicom.secondread.SecondReadRequestController.by;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reading facility's side of second reads: a worklist of de-identified requests (pseudonym, modality, body
 * part, study date as the dates option allows, the question; never the patient's name, IDs, event number, the
 * original UIDs or the requesting facility), claiming, the de-identified instances as DICOM files and PNG
 * previews, and the signed report. Only requests addressed to the acting facility are visible, only to its
 * radiologists, and the images only to the radiologist who claimed the request.
 */
@RestController
@RequestMapping("/api/second-reads/worklist")
@Tag(name = "Second reads: worklist", description = "De-identified second reads for the reading facility's radiologists")
public class SecondReadWorklistController {

    public record WorklistItem(String id, String pseudonym, SecondReadStatus status, String question,
                               String studyInstanceUid, List<String> modalities, List<String> bodyParts,
                               String studyDate, int numberOfSeries, int numberOfInstances, Instant requestedAt,
                               String claimedBy, Instant claimedAt, boolean claimedByMe, String reportedBy,
                               Instant reportedAt) {
    }

    public record InstanceItem(String seriesInstanceUid, String sopInstanceUid, String sopClassUid, String modality,
                               Integer instanceNumber, boolean releasable, String refusal, String file,
                               String preview) {
    }

    public record NewReport(String conclusion, String findings) {
    }

    private final SecondReads secondReads;
    private final ReleasedStudies released;

    public SecondReadWorklistController(SecondReads secondReads, ReleasedStudies released) {
        this.secondReads = secondReads;
        this.released = released;
    }

    @GetMapping
    @Operation(summary = "Open second reads addressed to the acting facility (all=true: finished ones too)")
    public List<WorklistItem> worklist(@RequestParam(defaultValue = "false") boolean all,
                                       @AuthenticationPrincipal HubPrincipal principal) {
        return secondReads.worklist(principal, all).stream().map(read -> item(read, principal)).toList();
    }

    @GetMapping("/{id}")
    public WorklistItem get(@PathVariable UUID id, @AuthenticationPrincipal HubPrincipal principal) {
        return item(secondReads.assigned(id, principal), principal);
    }

    @PostMapping("/{id}/claim")
    @Operation(summary = "Take a requested second read (it becomes IN_PROGRESS, yours)")
    public WorklistItem claim(@PathVariable UUID id, @AuthenticationPrincipal HubPrincipal principal) {
        return item(secondReads.claim(id, principal), principal);
    }

    @GetMapping("/{id}/instances")
    @Operation(summary = "The de-identified instances of the claimed second read")
    public List<InstanceItem> instances(@PathVariable UUID id, @AuthenticationPrincipal HubPrincipal principal)
            throws IOException {
        SecondRead read = viewable(id, principal);
        String base = "/api/second-reads/worklist/" + id + "/instances/";
        return released.instances(read).stream().map(i -> new InstanceItem(i.seriesUid(), i.sopInstanceUid(),
                i.sopClassUid(), i.modality(), i.instanceNumber(), i.refusal().isEmpty(), i.refusal().orElse(null),
                base + i.sopInstanceUid(), base + i.sopInstanceUid() + "/preview")).toList();
    }

    @GetMapping("/{id}/instances/{sopInstanceUid}")
    @Operation(summary = "A de-identified instance as a DICOM Part 10 file (application/dicom)")
    public void instance(@PathVariable UUID id, @PathVariable String sopInstanceUid,
                         @AuthenticationPrincipal HubPrincipal principal, HttpServletResponse response)
            throws IOException {
        SecondRead read = viewable(id, principal);
        ReleasedStudies.Instance instance = releasable(read, sopInstanceUid);
        response.setContentType("application/dicom");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + sopInstanceUid + ".dcm\"");
        released.write(read, instance, response.getOutputStream());
    }

    @GetMapping("/{id}/instances/{sopInstanceUid}/preview")
    @Operation(summary = "A PNG preview of a de-identified instance's first frame")
    public ResponseEntity<byte[]> preview(@PathVariable UUID id, @PathVariable String sopInstanceUid,
                                          @AuthenticationPrincipal HubPrincipal principal) throws IOException {
        SecondRead read = viewable(id, principal);
        Preview.Rendered rendered = released.preview(releasable(read, sopInstanceUid));
        if (rendered.png() == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "no preview of instance " + sopInstanceUid
                    + ": " + rendered.refusal());
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(rendered.png());
    }

    @PostMapping("/{id}/report")
    @Operation(summary = "Sign and submit the report of the second read you claimed")
    public WorklistItem report(@PathVariable UUID id, @RequestBody NewReport report,
                               @AuthenticationPrincipal HubPrincipal principal) {
        return item(secondReads.report(id, report.conclusion(), report.findings(), principal), principal);
    }

    /** Images are for the radiologist who claimed the request, while it is in progress or after they reported. */
    private SecondRead viewable(UUID id, HubPrincipal principal) {
        SecondRead read = secondReads.assigned(id, principal);
        if (!EnumSet.of(SecondReadStatus.IN_PROGRESS, SecondReadStatus.REPORTED).contains(read.status())) {
            throw ApiException.conflict("second read " + id + " is " + read.status()
                    + "; its images are shown once it is claimed (IN_PROGRESS) and until it is acknowledged");
        }
        if (!read.claimed().personId().equals(principal.id())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "second read " + id
                    + " was claimed by another radiologist; its images are theirs to view");
        }
        return read;
    }

    private ReleasedStudies.Instance releasable(SecondRead read, String sopInstanceUid) throws IOException {
        ReleasedStudies.Instance instance = released.instance(read, sopInstanceUid)
                .orElseThrow(() -> ApiException.notFound("instance " + sopInstanceUid + " in second read " + read.id()));
        if (instance.refusal().isPresent()) {
            throw ApiException.conflict("instance " + sopInstanceUid + " is not released: "
                    + instance.refusal().get());
        }
        return instance;
    }

    private WorklistItem item(SecondRead read, HubPrincipal principal) {
        ReleasedStudies.Summary summary = released.summary(read);
        return new WorklistItem(read.id().toString(), read.pseudonym().token(), read.status(), read.question(),
                summary.studyUid(), summary.modalities(), summary.bodyParts(), summary.studyDate(),
                summary.numberOfSeries(), summary.numberOfInstances(), read.requested().at(), by(read.claimed()),
                at(read.claimed()), read.claimed() != null && read.claimed().personId().equals(principal.id()),
                by(read.reported()), at(read.reported()));
    }
}
