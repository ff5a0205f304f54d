package jp.renkei.hub.app.portal.vpn;

import jp.renkei.hub.vpn.status.VpnStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operator's view of every VPN site ({@code /portal/operator/vpn}): tunnel state, since when, bytes, the router
 * certificate's end date and whether its renewal is due, from {@link VpnStatus} like {@code GET /api/vpn/status}.
 */
@Controller
class OperatorVpnController {

    private final VpnStatus status;

    OperatorVpnController(VpnStatus status) {
        this.status = status;
    }

    @GetMapping("/portal/operator/vpn")
    String sites(Model model) {
        model.addAttribute("report", status.report());
        return "portal/vpn/operator";
    }
}
