package jp.renkei.hub.consent.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jp.renkei.hub.consent.breakglass.BreakGlass;
import jp.renkei.hub.consent.breakglass.BreakGlassAccess;
import jp.renkei.hub.consent.breakglass.BreakGlassNotification;
import jp.renkei.hub.core.security.HubPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Emergency access by a doctor, and the notices it leaves at the patient's facilities. */
@RestController
@RequestMapping("/api/break-glass")
@Tag(name = "Break-glass", description = "Emergency CLINICAL access without consent, time-limited and notified")
public class BreakGlassController {

    public record BreakGlassRequest(@NotBlank String eventNumber, @NotBlank String reason) {
    }

    public record BreakGlassResponse(String id, String eventNumber, String facilityId, String doctorId, String reason,
                                     java.time.Instant openedAt, java.time.Instant expiresAt) {

        static BreakGlassResponse of(BreakGlassAccess access) {
            return new BreakGlassResponse(access.id().toString(), access.eventNumber().formatted(),
                    access.facilityId(), access.doctorId(), access.reason(), access.openedAt(), access.expiresAt());
        }
    }

    private final BreakGlass breakGlass;

    public BreakGlassController(BreakGlass breakGlass) {
        this.breakGlass = breakGlass;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open emergency CLINICAL access to a patient for the acting facility (DOCTOR only)")
    public BreakGlassResponse open(@Valid @RequestBody BreakGlassRequest request,
                                   @AuthenticationPrincipal HubPrincipal principal) {
        return BreakGlassResponse.of(breakGlass.open(request.eventNumber(), request.reason(), principal));
    }

    @GetMapping("/notifications")
    @Operation(summary = "Emergency accesses to patients enrolled at the acting facility, newest first")
    public List<BreakGlassNotification> notifications(@AuthenticationPrincipal HubPrincipal principal) {
        return breakGlass.notificationsFor(principal);
    }
}
