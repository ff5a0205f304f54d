package jp.renkei.hub.vpn;

import java.util.List;

import jp.renkei.hub.vpn.site.IpPrefix;

/** The hub's service prefixes from configuration: the far end of every site's traffic selectors. */
public record HubServicePrefixes(List<IpPrefix> prefixes) {

    public HubServicePrefixes {
        prefixes = List.copyOf(prefixes);
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("renkei.vpn.service-prefixes must name at least one prefix");
        }
    }
}
