package jp.renkei.hub.core.pki;

import jp.renkei.hub.core.security.HubRole;

/**
 * What kind of facility system a device is; it decides the role the device acts with. A VPN router has no role:
 * its certificate authenticates the site's IKE gateway to the hub's strongSwan, never a request to the API.
 */
public enum DeviceKind {
    GATEWAY(HubRole.GATEWAY),
    PHARMACY_SYSTEM(HubRole.PHARMACY_SYSTEM),
    PACS_FORWARDER(HubRole.PACS_FORWARDER),
    /** A site's IPsec/IKEv2 router, enrolled through vpn-provisioning (EKU serverAuth + clientAuth, DNS SAN). */
    VPN_ROUTER(null),
    /**
     * The hub operator's monitoring system (e.g. Prometheus): reads /actuator/prometheus and nothing else; only the
     * HUB_OPERATOR facility registers one (docs/operations.md "Monitoring").
     */
    MONITORING(HubRole.MONITORING);

    private final HubRole role;

    DeviceKind(HubRole role) {
        this.role = role;
    }

    /** The role requests authenticated by this kind's certificates act with; null for {@link #VPN_ROUTER}. */
    public HubRole role() {
        return role;
    }

    /** Whether certificates of this kind may authenticate requests to the hub's API (TLS client certificates). */
    public boolean authenticatesApiRequests() {
        return role != null;
    }
}
