package jp.renkei.hub.core.patient.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jp.renkei.hub.core.patient.Enrolment;
import jp.renkei.hub.core.patient.IdentityVerification;
import jp.renkei.hub.core.patient.LinkResult;
import jp.renkei.hub.core.patient.LocalPatientId;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.patient.PatientLink;
import jp.renkei.hub.core.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * A facility's desk enrols its patients and links them to numbers other facilities were issued. The facility
 * is always the one the caller acts for; answers show only that facility's own local patient IDs.
 * Local IDs may contain '/', so the path takes the rest of the URL as the ID.
 */
@RestController
@RequestMapping("/api/patients")
@Tag(name = "Patient cross-reference", description = "Event numbers for a facility's local patient IDs")
public class PatientLinkController {

    public record EnrolmentRequest(@NotBlank @Size(max = LocalPatientId.MAX_LENGTH) String localPatientId) {
    }

    public record EnrolmentResponse(String eventNumber, String localPatientId, boolean created) {

        static EnrolmentResponse of(Enrolment enrolment) {
            return new EnrolmentResponse(enrolment.eventNumber().formatted(), enrolment.localPatientId(),
                    enrolment.created());
        }
    }

    public record LinkRequest(@NotBlank @Size(max = LocalPatientId.MAX_LENGTH) String localPatientId,
                              @NotBlank String eventNumber,
                              @NotNull IdentityVerification verification,
                              @NotBlank @Size(max = 1000) String reason) {
    }

    /** The acting facility's link; {@code verifiedBy} is empty where the number was issued at enrolment. */
    public record LinkResponse(String localPatientId, String eventNumber, IdentityVerification verifiedBy,
                               int version, Instant linkedAt, String linkedBy) {

        static LinkResponse of(PatientLink link) {
            return new LinkResponse(link.localPatientId(), link.eventNumber().formatted(), link.verifiedBy(),
                    link.version(), link.linkedAt(), link.linkedBy());
        }
    }

    private final PatientEnrolment enrolment;

    public PatientLinkController(PatientEnrolment enrolment) {
        this.enrolment = enrolment;
    }

    @PostMapping("/enrolments")
    @Operation(summary = "The event number of a local patient ID: issued now (201) or already linked (200)")
    public ResponseEntity<EnrolmentResponse> enrol(@Valid @RequestBody EnrolmentRequest request,
                                                   @AuthenticationPrincipal HubPrincipal principal) {
        Enrolment result = enrolment.enrol(principal.actingFacilityId(), request.localPatientId(), principal);
        if (!result.created()) {
            return ResponseEntity.ok(EnrolmentResponse.of(result));
        }
        return ResponseEntity.created(linkUri(result.localPatientId())).body(EnrolmentResponse.of(result));
    }

    @PostMapping("/links")
    @Operation(summary = "Link a local patient ID to an existing event number after checking the patient's identity",
            description = "201 when linked now, 200 when it was already linked to this number; 409 when it is linked"
                    + " to another number. Never matched on names or birth dates.")
    public ResponseEntity<LinkResponse> link(@Valid @RequestBody LinkRequest request,
                                             @AuthenticationPrincipal HubPrincipal principal) {
        LinkResult result = enrolment.link(principal.actingFacilityId(), request.localPatientId(),
                request.eventNumber(), request.verification(), request.reason(), principal);
        LinkResponse body = LinkResponse.of(result.link());
        return result.created()
                ? ResponseEntity.created(linkUri(body.localPatientId())).body(body)
                : ResponseEntity.ok(body);
    }

    @GetMapping("/links/{*localPatientId}")
    @Operation(summary = "This facility's current link of a local patient ID (404 when not linked)")
    public LinkResponse current(@PathVariable String localPatientId, @AuthenticationPrincipal HubPrincipal principal) {
        return LinkResponse.of(enrolment.currentLink(principal.actingFacilityId(), pathId(localPatientId)));
    }

    @DeleteMapping("/links/{*localPatientId}")
    @Operation(summary = "End this facility's link of a local patient ID; the reason is kept in the link history")
    public ResponseEntity<Void> unlink(@PathVariable String localPatientId,
                                       @Parameter(description = "why the link ends") @RequestParam(required = false) String reason,
                                       @AuthenticationPrincipal HubPrincipal principal) {
        enrolment.unlink(principal.actingFacilityId(), pathId(localPatientId), reason, principal);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** A catch-all path variable starts with the '/' before it. */
    private static String pathId(String captured) {
        return captured.startsWith("/") ? captured.substring(1) : captured;
    }

    private static URI linkUri(String localPatientId) {
        return URI.create("/api/patients/links/" + UriUtils.encodePath(localPatientId, StandardCharsets.UTF_8));
    }
}
