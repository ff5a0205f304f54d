package jp.renkei.hub.vpn.status;

import java.time.Instant;
import java.util.List;

/**
 * Every site's tunnel, read from strongSwan at {@code readAt}.
 *
 * @param strongswanAvailable false when swanctl could not be asked (loading off, no charon): states are then
 *                            DOWN or NOT_CONFIGURED from the registry alone, and {@code problem} says why
 */
public record VpnStatusReport(Instant readAt, boolean strongswanAvailable, String problem, List<SiteTunnelStatus> sites) {
}
