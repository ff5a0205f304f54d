package jp.renkei.hub.vpn.swanctl;

/**
 * Something the hub side's strongSwan configuration depends on changed (a router enrolled or revoked, a site's
 * prefixes): published inside the transaction; the hub's swanctl directory is rewritten after it commits.
 */
public record VpnConfigurationChanged(String facilityId) {
}
