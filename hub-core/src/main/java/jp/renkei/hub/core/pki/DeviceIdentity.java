package jp.renkei.hub.core.pki;

import java.util.Set;
import java.util.UUID;

import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;

/** Who a valid client certificate belongs to: an active device of a facility, acting in the role of its kind. */
public record DeviceIdentity(UUID deviceId, String facilityId, String name, DeviceKind kind) {

    public HubRole role() {
        return kind.role();
    }

    /** The principal a request authenticated by this device's certificate carries. */
    public HubPrincipal toPrincipal() {
        return new HubPrincipal(HubPrincipal.Kind.SYSTEM, deviceId.toString(), name, facilityId, Set.of(role()));
    }
}
