package jp.renkei.hub.vpn.status;

import java.time.Instant;

/**
 * A site's tunnel as the operator sees it.
 *
 * @param state      ESTABLISHED (IKE SA up and a CHILD SA installed), CONNECTING, DOWN, or NOT_CONFIGURED (no
 *                   router certificate or facility not ACTIVE: the hub has no connection for it)
 * @param since      when the IKE SA was established, if it is
 */
public record SiteTunnelStatus(String facilityId, String facilityName, String connection, State state, Instant since,
                               long bytesIn, long bytesOut) {

    public enum State { ESTABLISHED, CONNECTING, DOWN, NOT_CONFIGURED }
}
