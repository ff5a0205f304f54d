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
    private final RouterRenewal renewal;

    EnrolmentController(Enrolments enrolments, RouterRenewal renewal) {
        this.enrolments = enrolments;
        this.renewal = renewal;
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

    @PostMapping("/api/vpn/sites/{facilityId}/renewal-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A one-time token with which the router renews its certificate",
            description = "From 30 days before the router certificate's end (or after it). Redeemed at "
                    + "/api/vpn/enrolment like an enrolment token, but the previous certificate stays valid until "
                    + "the switch is confirmed or renkei.vpn.renewal-overlap has passed. 409 when renewal is not due.")
    EnrolmentToken newRenewalToken(@PathVariable String facilityId, @AuthenticationPrincipal HubPrincipal principal) {
        SiteAccess.require(principal, facilityId);
        return renewal.newToken(facilityId, principal.id());
    }

    @PostMapping("/api/vpn/sites/{facilityId}/router/renewal")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Renew the router certificate from a CSR the facility administrator submits",
            description = "The same checks and result as a renewal token; 409 when renewal is not due.")
    EnrolmentResult renew(@PathVariable String facilityId, @RequestBody CsrRequest request,
                          @AuthenticationPrincipal HubPrincipal principal) {
        SiteAccess.require(principal, facilityId);
        return renewal.renew(facilityId, request == null ? null : request.csrPem(), principal.id());
    }

    @PostMapping("/api/vpn/sites/{facilityId}/router/renewal/complete")
    @Operation(summary = "The router uses its renewed certificate: revoke the previous one now",
            description = "Publishes a new CRL listing the previous certificate (superseded). 409 when none waits.")
    SwitchCompleted completeRenewal(@PathVariable String facilityId, @AuthenticationPrincipal HubPrincipal principal) {
        SiteAccess.require(principal, facilityId);
        return new SwitchCompleted(facilityId, renewal.completeSwitch(facilityId, principal.id()));
    }

    record CsrRequest(@Schema(description = "PEM PKCS#10 request") String csrPem) {
    }

    record SwitchCompleted(String facilityId, @Schema(description = "serials revoked as superseded") java.util.List<String> revokedSerials) {
    }

    record CsrEnrolmentRequest(@Schema(description = "the one-time enrolment token") String token,
                               @Schema(description = "PEM PKCS#10 request") String csrPem) {
    }

    record TokenRequest(@Schema(description = "the one-time enrolment token") String token) {
    }
}
