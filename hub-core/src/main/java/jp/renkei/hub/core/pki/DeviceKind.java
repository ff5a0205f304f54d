package jp.renkei.hub.core.pki;

import jp.renkei.hub.core.security.HubRole;

/** What kind of facility system a device is; it decides the role the device acts with. */
public enum DeviceKind {
    GATEWAY(HubRole.GATEWAY),
    PHARMACY_SYSTEM(HubRole.PHARMACY_SYSTEM),
    PACS_FORWARDER(HubRole.PACS_FORWARDER);

    private final HubRole role;

    DeviceKind(HubRole role) {
        this.role = role;
    }

    public HubRole role() {
        return role;
    }
}
