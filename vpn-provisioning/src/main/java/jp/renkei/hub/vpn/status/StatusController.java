package jp.renkei.hub.vpn.status;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's tunnel overview. */
@RestController
@Tag(name = "VPN status", description = "Every site's tunnel state read from the hub's strongSwan")
class StatusController {

    private final VpnStatus status;

    StatusController(VpnStatus status) {
        this.status = status;
    }

    @GetMapping("/api/vpn/status")
    @Operation(summary = "Every site's tunnel: ESTABLISHED (since, bytes), CONNECTING, DOWN or NOT_CONFIGURED")
    VpnStatusReport report() {
        return status.report();
    }
}
