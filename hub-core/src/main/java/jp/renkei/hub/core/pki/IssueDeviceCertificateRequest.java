package jp.renkei.hub.core.pki;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A facility admin's request for a device certificate. */
record IssueDeviceCertificateRequest(
        @Schema(description = "Name of the system within the facility; an active device of this name gets a new "
                + "certificate and its previous one is revoked", example = "ss-mix2-gateway-1")
        @NotBlank @Size(max = 100) String name,
        @Schema(description = "Kind of system; decides the role it acts with") @NotNull DeviceKind kind,
        @Schema(description = "PKCS#10 request in PEM, key EC P-256/P-384 or RSA of at least 2048 bits; its subject "
                + "is ignored") @NotBlank @Size(max = 16384) String csrPem) {
}
