package jp.renkei.hub.vpn.status;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.renkei.hub.core.notice.OperatorNotice;
import jp.renkei.hub.core.notice.OperatorNotices;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.vpn.expiry.ExpiryWatch;
import jp.renkei.hub.vpn.site.SiteAccess;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tunnels' status, a site's own status with its onboarding checklist, and the operators' VPN notices. */
@RestController
@Tag(name = "VPN status", description = "Tunnels read from the hub's strongSwan, certificates, last data, checklist")
class StatusController {

    private final VpnStatus status;
    private final OperatorNotices notices;

    StatusController(VpnStatus status, OperatorNotices notices) {
        this.status = status;
        this.notices = notices;
    }

    @GetMapping("/api/vpn/status")
    @Operation(summary = "Every site: tunnel (ESTABLISHED since/bytes, CONNECTING, DOWN, NOT_CONFIGURED), "
            + "certificates with their expiry stage, last ingest and DICOM data, onboarding checklist")
    VpnStatusReport report() {
        return status.report();
    }

    @GetMapping("/api/vpn/sites/{facilityId}/status")
    @Operation(summary = "The site's status and onboarding checklist (live only when every item is done)",
            description = "For the facility's administrators and the operators; another facility's site answers 404 "
                    + "like a missing one.")
    VpnStatusReport site(@PathVariable String facilityId, @AuthenticationPrincipal HubPrincipal principal) {
        SiteAccess.require(principal, facilityId);
        return status.site(facilityId).orElseThrow(() -> SiteAccess.notFound(facilityId));
    }

    @GetMapping("/api/vpn/notices")
    @Operation(summary = "The operators' open VPN notices (certificate expiry warnings), newest first")
    List<OperatorNotice> notices() {
        return notices.open(ExpiryWatch.TOPIC);
    }

    @PostMapping("/api/vpn/notices/{id}/acknowledge")
    @Operation(summary = "Mark an open VPN notice as dealt with; 404 when there is no such open notice")
    OperatorNotice acknowledge(@PathVariable UUID id, @AuthenticationPrincipal HubPrincipal principal) {
        return notices.acknowledge(ExpiryWatch.TOPIC, id, principal.id())
                .orElseThrow(() -> ApiException.notFound("VPN notice " + id));
    }
}
