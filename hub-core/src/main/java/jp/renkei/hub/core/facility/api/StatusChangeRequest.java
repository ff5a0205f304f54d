package jp.renkei.hub.core.facility.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jp.renkei.hub.core.facility.FacilityStatus;

/** Body of {@code POST /api/admin/facilities/{id}/status}. */
public record StatusChangeRequest(
        @NotNull FacilityStatus status,
        @Schema(description = "why; required for SUSPENDED and WITHDRAWN, at most 1000 characters")
        String reason) {
}
