package jp.renkei.hub.vpn.site;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jp.renkei.hub.core.network.DicomNode;

/**
 * A facility's VPN site: its router, where the router is, the LAN prefixes its tunnel carries, and whom to call.
 *
 * @param publicAddress the router's public address or FQDN; null when it is behind NAT (it then always initiates)
 * @param ikeIdentity   the router's IKE identity, also the dNSName of its certificate
 * @param dicomNodes    the site's PACS and workstations (see {@link DicomNodes})
 */
public record Site(String facilityId, String facilityName, RouterKind routerKind, String publicAddress,
                   List<IpPrefix> lanPrefixes, SiteContact contact, String ikeIdentity, Instant createdAt,
                   Instant updatedAt, String updatedBy, List<DicomNode> dicomNodes) {

    public Site {
        lanPrefixes = List.copyOf(lanPrefixes);
        dicomNodes = List.copyOf(dicomNodes);
    }

    @JsonProperty("behindNat")
    public boolean behindNat() {
        return publicAddress == null;
    }

    /** The swanctl connection name of this site on the hub side: stable, and safe as a file name. */
    public String connectionName() {
        return "site-" + facilityId;
    }
}
