package jp.renkei.hub.vpn.site;

import java.util.List;
import java.util.function.Function;

import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.vpn.HubServicePrefixes;
import org.springframework.http.HttpStatus;

/**
 * The rule of the address plan: a site's LAN prefixes must not overlap each other, the hub's service prefixes,
 * or any other site's; a tunnel's traffic selectors would otherwise route one site's packets to another.
 */
final class AddressPlan {

    private AddressPlan() {
    }

    /**
     * @param others      every other site's prefixes
     * @param siteName    the name by which a clashing site is named in the refusal
     * @throws ApiException 400 for prefixes that overlap each other, 409 naming the hub or the clashing site
     */
    static void check(List<IpPrefix> prefixes, HubServicePrefixes hub, List<SiteStore.PlannedPrefix> others,
                      Function<String, String> siteName) {
        for (int i = 0; i < prefixes.size(); i++) {
            for (int j = i + 1; j < prefixes.size(); j++) {
                if (prefixes.get(i).overlaps(prefixes.get(j))) {
                    throw ApiException.invalid(IpPrefix.FIELD, prefixes.get(i) + " と " + prefixes.get(j)
                            + " が重なっています");
                }
            }
        }
        for (IpPrefix prefix : prefixes) {
            for (IpPrefix service : hub.prefixes()) {
                if (prefix.overlaps(service)) {
                    throw new ApiException(HttpStatus.CONFLICT, "LAN プレフィックス " + prefix
                            + " はハブのサービスプレフィックス " + service + " と重なります");
                }
            }
            for (SiteStore.PlannedPrefix other : others) {
                if (prefix.overlaps(other.prefix())) {
                    throw new ApiException(HttpStatus.CONFLICT, "LAN プレフィックス " + prefix + " はサイト「"
                            + siteName.apply(other.facilityId()) + "」(施設 " + other.facilityId() + ") の "
                            + other.prefix() + " と重なります");
                }
            }
        }
    }
}
