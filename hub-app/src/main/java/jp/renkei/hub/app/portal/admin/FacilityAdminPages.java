package jp.renkei.hub.app.portal.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.RequestAttributes;
import org.springframework.ui.Model;

/**
 * What every facility administration page shares: the acting facility (never one named in the URL or a form),
 * and the one "not found" page for whatever is absent or another facility's.
 */
final class FacilityAdminPages {

    static final String NOT_FOUND = "portal/admin/not-found";

    private FacilityAdminPages() {
    }

    static HubPrincipal admin(HttpServletRequest request) {
        return RequestAttributes.principal(request).orElseThrow();
    }

    /** The facility the administrator acts for: the only one these pages read or change. */
    static String facilityId(HttpServletRequest request) {
        return admin(request).actingFacilityId();
    }

    /** The same page and status for an absent ID and another facility's: nothing tells them apart. */
    static String notFound(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("section", "");
        return NOT_FOUND;
    }
}
