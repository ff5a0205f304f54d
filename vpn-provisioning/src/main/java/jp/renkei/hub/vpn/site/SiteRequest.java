package jp.renkei.hub.vpn.site;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A site record as a facility admin or operator enters it; checked by {@link Sites}, field by field. */
public record SiteRequest(
        @Schema(description = "STRONGSWAN (the hub generates swanctl.conf) or GENERIC_IKEV2 (a parameter sheet)")
        RouterKind routerKind,
        @Schema(description = "The router's public IPv4/IPv6 address or FQDN; empty when it is behind NAT")
        String publicAddress,
        @Schema(description = "The site's LAN prefixes reaching the hub, IPv4 and IPv6, e.g. 10.252.1.0/24")
        List<String> lanPrefixes,
        SiteContact contact) {
}
