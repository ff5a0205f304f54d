package jp.renkei.hub.vpn.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.renkei.hub.core.web.ApiException;
import org.junit.jupiter.api.Test;

class IpPrefixTest {

    @Test
    void parsesIpv4AndIpv6InCanonicalForm() {
        assertThat(IpPrefix.parse("10.252.1.0/24")).hasToString("10.252.1.0/24");
        assertThat(IpPrefix.parse(" fd00:252:1:0::/64 ")).hasToString("fd00:252:1::/64");
        assertThat(IpPrefix.parse("2001:db8:0:1:0:0:0:0/64")).hasToString("2001:db8:0:1::/64");
        assertThat(IpPrefix.parse("fd00:251::/64").isIpv6()).isTrue();
    }

    @Test
    void overlapMeansOneContainsTheOther() {
        IpPrefix wide = IpPrefix.parse("10.252.0.0/16");
        assertThat(wide.overlaps(IpPrefix.parse("10.252.7.0/24"))).isTrue();
        assertThat(IpPrefix.parse("10.252.7.0/24").overlaps(wide)).isTrue();
        assertThat(IpPrefix.parse("10.252.7.0/24").overlaps(IpPrefix.parse("10.252.8.0/24"))).isFalse();
        assertThat(IpPrefix.parse("fd00:1::/48").overlaps(IpPrefix.parse("fd00:1:0:5::/64"))).isTrue();
        assertThat(IpPrefix.parse("fd00:1::/48").overlaps(IpPrefix.parse("fd00:2::/48"))).isFalse();
        assertThat(IpPrefix.parse("10.0.0.0/8").overlaps(IpPrefix.parse("fd00::/8"))).isFalse();
    }

    @Test
    void malformedPrefixesAreRefusedSayingWhy() {
        assertRefused("10.252.1.0", "プレフィックス長がありません");
        assertRefused("10.252.1.1/24", "ホスト部が 0 ではありません");
        assertRefused("10.252.1.0/33", "8〜32");
        assertRefused("10.252.1.0/4", "8〜32");
        assertRefused("hospital.example.jp/24", "IPv4/IPv6 のプレフィックスではありません");
        assertRefused("10.252.300.0/24", "IPv4/IPv6 のプレフィックスではありません");
        assertRefused("fd00::1/64", "ホスト部が 0 ではありません");
        assertRefused("10.252.1.0/x", "IPv4/IPv6 のプレフィックスではありません");
    }

    private static void assertRefused(String text, String reason) {
        assertThatThrownBy(() -> IpPrefix.parse(text))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.fieldErrors()).containsKey("lanPrefixes");
                    assertThat(e.getMessage()).contains(reason);
                });
    }
}
