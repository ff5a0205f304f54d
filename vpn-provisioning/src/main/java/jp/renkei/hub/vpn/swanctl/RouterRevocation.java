package jp.renkei.hub.vpn.swanctl;

import java.util.Optional;

import jp.renkei.hub.core.facility.FacilityChanged;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.pki.Device;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.RevocationReason;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.vpn.site.SiteAccess;
import jp.renkei.hub.vpn.site.Sites;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revokes a site's router certificate: on request, or when its facility is suspended or withdraws. The revocation
 * publishes a new CRL (DeviceCertificates); after the commit HubSideSync removes the site's connection and,
 * when loading is on, tears its SAs down. A suspended facility enrols its router again when it is resumed.
 */
@Service
public class RouterRevocation {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RouterRevocation.class);

    static final String SYSTEM_ACTOR = "system:vpn-provisioning";

    private final Sites sites;
    private final DeviceCertificates devices;
    private final HubSideSync sync;
    private final ApplicationEventPublisher events;

    RouterRevocation(Sites sites, DeviceCertificates devices, HubSideSync sync, ApplicationEventPublisher events) {
        this.sites = sites;
        this.devices = devices;
        this.sync = sync;
        this.events = events;
    }

    /** @throws ApiException 404 without a site, 409 without a router holding a current certificate */
    @Transactional
    public Device revoke(String facilityId, RevocationReason reason, String actorId) {
        sites.find(facilityId).orElseThrow(() -> SiteAccess.notFound(facilityId));
        Device router = sync.currentRouter(facilityId).orElseThrow(() -> ApiException.conflict(
                "施設 " + facilityId + " の VPN ルーターには有効な証明書がありません"));
        Device revoked = devices.revoke(facilityId, router.deviceId(),
                reason == null ? RevocationReason.UNSPECIFIED : reason, actorId);
        events.publishEvent(new VpnConfigurationChanged(facilityId));
        return revoked;
    }

    /** Ordered before HubSideSync's listener of the same event, so the sync sees the revocation. */
    @EventListener
    @Order(0)
    void onFacilityChange(FacilityChanged change) {
        FacilityStatus status = change.facility().status();
        if (status != FacilityStatus.SUSPENDED && status != FacilityStatus.WITHDRAWN) {
            return;
        }
        String facilityId = change.facility().id();
        try {
            Optional<Device> router = sync.currentRouter(facilityId);
            router.ifPresent(device -> devices.revoke(facilityId, device.deviceId(),
                    status == FacilityStatus.WITHDRAWN ? RevocationReason.CESSATION_OF_OPERATION
                            : RevocationReason.PRIVILEGE_WITHDRAWN, SYSTEM_ACTOR));
        } catch (RuntimeException e) {
            // The status change has committed; its request must not fail now. The hub-side sync still removes the
            // site's connection, because it only writes connections of ACTIVE facilities.
            log.error("Could not revoke the VPN router of facility {} after its change to {}", facilityId, status, e);
        }
    }
}
