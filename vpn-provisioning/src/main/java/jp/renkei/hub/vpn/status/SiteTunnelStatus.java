package jp.renkei.hub.vpn.status;

import java.time.Instant;

/**
 * A site's tunnel as the operator sees it.
 *
 * @param state      ESTABLISHED (IKE SA up and a CHILD SA installed), CONNECTING, DOWN, or NOT_CONFIGURED (no
 *                   router certificate or facility not ACTIVE: the hub has no connection for it)
 * @param since      when the IKE SA was established, if it is
 * @param certificateNotAfter when the router's current certificate expires, if it has one
 * @param renewalDue  whether that is less than 30 days away: the operator reminds the site to enrol again
 */
public record SiteTunnelStatus(String facilityId, String facilityName, String connection, State state, Instant since,
                               long bytesIn, long bytesOut, Instant certificateNotAfter, boolean renewalDue) {

    public enum State { ESTABLISHED, CONNECTING, DOWN, NOT_CONFIGURED }
}
