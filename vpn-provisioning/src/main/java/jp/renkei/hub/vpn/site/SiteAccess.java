package jp.renkei.hub.vpn.site;

import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Who may see and change a facility's VPN site: hub administrators, and the facility's own administrators.
 * Anyone else is told exactly what they would be told if the site did not exist, so another facility's site
 * is not even confirmed to exist.
 */
public final class SiteAccess {

    private SiteAccess() {
    }

    public static void require(HubPrincipal principal, String facilityId) {
        if (!mayManage(principal, facilityId)) {
            throw notFound(facilityId);
        }
    }

    public static boolean mayManage(HubPrincipal principal, String facilityId) {
        return principal != null && (principal.has(HubRole.HUB_ADMIN)
                || (principal.has(HubRole.FACILITY_ADMIN) && facilityId.equals(principal.actingFacilityId())));
    }

    /** The one answer for a site that is absent or not the caller's. */
    public static ApiException notFound(String facilityId) {
        return new ApiException(HttpStatus.NOT_FOUND, "施設 " + facilityId + " の VPN サイトはありません");
    }
}
