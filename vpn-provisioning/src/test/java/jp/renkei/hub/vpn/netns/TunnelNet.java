package jp.renkei.hub.vpn.netns;

/**
 * The tunnel tests' address plan, inside the namespaces they create only: the hub's outside address on a bridge
 * ("the internet"), its service addresses on its loopback; two sites and a rogue on the bridge, each site's LAN
 * address on its loopback (the rogue copies site 2's). The hub's service prefixes are 10.251.0.0/24 and
 * fd00:251::/64, site 1's LAN 10.252.1.0/24 and fd00:252:1::/64, site 2's 10.252.2.0/24 and fd00:252:2::/64.
 */
public final class TunnelNet {

    public static final String HUB_OUTSIDE = "10.250.0.1";
    public static final String HUB_SERVICE = "10.251.0.1";
    public static final String HUB_SERVICE_V6 = "fd00:251::1";
    public static final String SITE1_WAN = "10.250.0.2";
    public static final String SITE1_LAN = "10.252.1.1";
    public static final String SITE1_LAN_V6 = "fd00:252:1::1";
    public static final String SITE2_LAN = "10.252.2.1";
    public static final String SITE2_LAN_V6 = "fd00:252:2::1";

    /** The namespaces of the sites and the rogue. */
    public record Sites(String site1, String site2, String rogue) {
    }

    private TunnelNet() {
    }

    /** The hub's side: its outside address on bridge br0, its service addresses on lo. */
    public static void hub(Namespaces net, String hub) {
        net.ip(hub, "link add br0 type bridge");
        net.ip(hub, "addr add " + HUB_OUTSIDE + "/24 dev br0");
        net.ip(hub, "link set br0 up");
        net.ip(hub, "addr add " + HUB_SERVICE + "/32 dev lo");
        net.ip(hub, "addr add " + HUB_SERVICE_V6 + "/128 dev lo");
    }

    /** Two sites and the rogue, new namespaces joined to the hub's bridge, with their addresses. */
    public static Sites sites(Namespaces net, String hub) {
        Sites sites = new Sites(net.create("s1"), net.create("s2"), net.create("rg"));
        net.link(hub, "br0", sites.site1(), SITE1_WAN + "/24", 1);
        net.link(hub, "br0", sites.site2(), "10.250.0.3/24", 2);
        net.link(hub, "br0", sites.rogue(), "10.250.0.4/24", 3);
        net.ip(sites.site1(), "addr add " + SITE1_LAN + "/32 dev lo");
        net.ip(sites.site1(), "addr add " + SITE1_LAN_V6 + "/128 dev lo");
        net.ip(sites.site2(), "addr add " + SITE2_LAN + "/32 dev lo");
        net.ip(sites.site2(), "addr add " + SITE2_LAN_V6 + "/128 dev lo");
        net.ip(sites.rogue(), "addr add " + SITE2_LAN + "/32 dev lo");
        return sites;
    }
}
