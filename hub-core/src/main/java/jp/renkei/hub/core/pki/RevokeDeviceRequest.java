package jp.renkei.hub.core.pki;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** Why a facility admin revokes a device; published as the reason code in the CRL. */
record RevokeDeviceRequest(
        @Schema(description = "RFC 5280 revocation reason", example = "KEY_COMPROMISE") @NotNull RevocationReason reason) {
}
