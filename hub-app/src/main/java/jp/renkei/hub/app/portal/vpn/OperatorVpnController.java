package jp.renkei.hub.app.portal.vpn;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.notice.OperatorNotices;
import jp.renkei.hub.core.security.RequestAttributes;
import jp.renkei.hub.vpn.expiry.ExpiryWatch;
import jp.renkei.hub.vpn.status.VpnStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The operator's view of every VPN site ({@code /portal/operator/vpn}): the open VPN notices (certificate expiry
 * warnings) first, then each site's tunnel state, since when, bytes, certificates (due and expired ones flagged),
 * last data received and onboarding checklist, from {@link VpnStatus} like {@code GET /api/vpn/status}.
 */
@Controller
class OperatorVpnController {

    private final VpnStatus status;
    private final OperatorNotices notices;

    OperatorVpnController(VpnStatus status, OperatorNotices notices) {
        this.status = status;
        this.notices = notices;
    }

    @GetMapping("/portal/operator/vpn")
    String sites(Model model) {
        model.addAttribute("report", status.report());
        model.addAttribute("notices", notices.open(ExpiryWatch.TOPIC));
        return "portal/vpn/operator";
    }

    /** An unknown or already acknowledged notice changes nothing; the list shows what is open. */
    @PostMapping("/portal/operator/vpn/notices/{id}/acknowledge")
    String acknowledge(@PathVariable UUID id, HttpServletRequest request) {
        notices.acknowledge(ExpiryWatch.TOPIC, id, RequestAttributes.principal(request).orElseThrow().id());
        return "redirect:/portal/operator/vpn";
    }
}
