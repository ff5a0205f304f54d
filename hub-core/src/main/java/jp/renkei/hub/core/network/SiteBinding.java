package jp.renkei.hub.core.network;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The rule that an AE title or a gateway certificate is not enough on its own: a connection acting for a facility
 * must come from inside the facility's VPN site prefixes. A facility without a site record is refused unless
 * {@code allowFacilitiesWithoutSite} (for hubs whose facilities reach it by other means, and for the demo); with
 * {@code bind} off, nothing is checked (the behaviour before sites existed).
 */
public final class SiteBinding {

    private final SiteNetworks networks;
    private final boolean bind;
    private final boolean allowFacilitiesWithoutSite;

    public SiteBinding(SiteNetworks networks, boolean bind, boolean allowFacilitiesWithoutSite) {
        this.networks = networks;
        this.bind = bind;
        this.allowFacilitiesWithoutSite = allowFacilitiesWithoutSite;
    }

    /** Why a connection from {@code source} may not act for the facility; empty when it may. */
    public Optional<String> refusal(String facilityId, InetAddress source) {
        if (!bind) {
            return Optional.empty();
        }
        Optional<List<NetworkPrefix>> prefixes = networks.prefixesOf(facilityId);
        if (prefixes.isEmpty()) {
            return allowFacilitiesWithoutSite ? Optional.empty()
                    : Optional.of("facility " + facilityId + " has no VPN site record, and facilities without one are"
                            + " not admitted");
        }
        if (prefixes.get().stream().anyMatch(prefix -> prefix.contains(source))) {
            return Optional.empty();
        }
        return Optional.of(source.getHostAddress() + " is outside the VPN site prefixes of facility " + facilityId
                + " " + prefixes.get());
    }
}
