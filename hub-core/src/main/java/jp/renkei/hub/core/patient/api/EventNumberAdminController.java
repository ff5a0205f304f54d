package jp.renkei.hub.core.patient.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jp.renkei.hub.core.patient.MergeResult;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.security.HubPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Hub administrators merge two numbers found to belong to one patient. */
@RestController
@RequestMapping("/api/admin/event-numbers")
@Tag(name = "Event numbers (hub administration)", description = "Merging duplicate event numbers")
public class EventNumberAdminController {

    public record MergeRequest(@NotBlank String survivor, @NotBlank String retired,
                               @NotBlank @Size(max = 1000) String reason) {
    }

    /** The numbers in grouped form and how many links moved; no facility's local patient IDs. */
    public record MergeResponse(String survivor, String retired, int linksMoved) {

        static MergeResponse of(MergeResult result) {
            return new MergeResponse(result.survivor().formatted(), result.retired().formatted(), result.linksMoved());
        }
    }

    private final PatientEnrolment enrolment;

    public EventNumberAdminController(PatientEnrolment enrolment) {
        this.enrolment = enrolment;
    }

    @PostMapping("/merge")
    @Operation(summary = "Merge the retired number into the survivor",
            description = "The retired number's links move to the survivor and it resolves to the survivor from then"
                    + " on. 409 for a number merged into itself, an already merged retired number, or a merged survivor.")
    public MergeResponse merge(@Valid @RequestBody MergeRequest request, @AuthenticationPrincipal HubPrincipal principal) {
        return MergeResponse.of(enrolment.merge(request.survivor(), request.retired(), request.reason(), principal));
    }
}
