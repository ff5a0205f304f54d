package jp.renkei.hub.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Inside vs. outside a site's prefixes, IPv4 and IPv6, a facility without a site under both settings, binding off. */
class SiteBindingTest {

    static final SiteNetworks NETWORKS = SiteNetworks.ofPrefixes(Map.of("F1", List.of(prefix("10.252.1.0", 24),
            prefix("fd00:252:1::", 64), prefix("127.0.0.1", 32))));

    @Test
    void aConnectionMustComeFromInsideTheSitePrefixes() {
        SiteBinding binding = new SiteBinding(NETWORKS, true, false);
        assertThat(binding.refusal("F1", address("10.252.1.77"))).isEmpty();
        assertThat(binding.refusal("F1", address("fd00:252:1::9"))).isEmpty();
        assertThat(binding.refusal("F1", address("127.0.0.1"))).isEmpty();
        assertThat(binding.refusal("F1", address("127.0.0.2"))).get().asString()
                .contains("127.0.0.2 is outside the VPN site prefixes of facility F1");
        assertThat(binding.refusal("F1", address("10.252.2.1"))).isPresent();
        assertThat(binding.refusal("F1", address("fd00:252:2::1"))).isPresent();
    }

    @Test
    void aFacilityWithoutASiteIsRefusedUnlessAllowed() {
        assertThat(new SiteBinding(NETWORKS, true, false).refusal("F2", address("127.0.0.1"))).get().asString()
                .contains("facility F2 has no VPN site record");
        assertThat(new SiteBinding(NETWORKS, true, true).refusal("F2", address("127.0.0.1"))).isEmpty();
        // The allowance is only for facilities without a site: one with a site is still bound.
        assertThat(new SiteBinding(NETWORKS, true, true).refusal("F1", address("127.0.0.2"))).isPresent();
    }

    @Test
    void bindingOffChecksNothing() {
        assertThat(new SiteBinding(NETWORKS, false, false).refusal("F1", address("192.0.2.1"))).isEmpty();
        assertThat(new SiteBinding(NETWORKS, false, false).refusal("F2", address("192.0.2.1"))).isEmpty();
    }

    @Test
    void prefixesContainWhatTheirBitsSay() {
        assertThat(prefix("10.252.1.128", 25).contains(address("10.252.1.200"))).isTrue();
        assertThat(prefix("10.252.1.128", 25).contains(address("10.252.1.127"))).isFalse();
        assertThat(prefix("fd00::", 8).contains(address("fdff::1"))).isTrue();
        assertThat(prefix("fd00::", 8).contains(address("fe00::1"))).isFalse();
        assertThat(prefix("10.0.0.0", 8).contains(address("::ffff:10.0.0.1"))).isTrue(); // Java yields an Inet4Address
        assertThat(prefix("::", 0).contains(address("10.0.0.1"))).isFalse();
    }

    static NetworkPrefix prefix(String network, int length) {
        return new NetworkPrefix(address(network), length);
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
