package jp.renkei.hub.vpn.enrol;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.vpn.site.SiteAccess;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Enrolment of a site's VPN router with a one-time token. */
@RestController
@Tag(name = "VPN enrolment", description = "One-time tokens and router certificates from the hub CA (docs/vpn.md)")
class EnrolmentController {

    private final Enrolments enrolments;

    EnrolmentController(Enrolments enrolments) {
        this.enrolments = enrolments;
    }

    @PostMapping("/api/vpn/sites/{facilityId}/enrolment-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A one-time enrolment token for the facility's router",
            description = "Only for an ACTIVE facility with a site record. The token is shown in this answer only "
                    + "(the hub stores its SHA-256), expires after renkei.vpn.enrolment-token-validity and works once.")
    EnrolmentToken newToken(@PathVariable String facilityId, @AuthenticationPrincipal HubPrincipal principal) {
        SiteAccess.require(principal, facilityId);
        return enrolments.newToken(facilityId, principal.id());
    }

    @PostMapping("/api/vpn/enrolment")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Enrol the router: redeem the token with a CSR",
            description = "EC P-256/P-384 or RSA ≥ 2048. The certificate has EKU serverAuth and clientAuth and the "
                    + "site's IKE identity as dNSName. 403 unknown token, 409 used token or facility not ACTIVE, "
                    + "410 expired token, 400 unacceptable CSR; a refusal changes nothing and leaves the token usable.")
    EnrolmentResult enrol(@RequestBody CsrEnrolmentRequest request) {
        return enrolments.enrol(request.token(), request.csrPem());
    }

    @PostMapping("/api/vpn/enrolment/pkcs12")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Enrol a router that cannot make a CSR: key and certificate as PKCS#12",
            description = "The bundle's one-time password is in this answer only; the hub keeps neither it nor the key.")
    Pkcs12Bundle enrolPkcs12(@RequestBody TokenRequest request) {
        return enrolments.enrolPkcs12(request.token());
    }

    record CsrEnrolmentRequest(@Schema(description = "the one-time enrolment token") String token,
                               @Schema(description = "PEM PKCS#10 request") String csrPem) {
    }

    record TokenRequest(@Schema(description = "the one-time enrolment token") String token) {
    }
}
