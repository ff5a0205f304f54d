package jp.renkei.hub.vpn.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ListSasParserTest {

    /** As strongSwan 5.9.8 prints it (kernel-libipsec, ESP in UDP), two sites, one still connecting. */
    private static final String OUTPUT = """
            site-a: #1, ESTABLISHED, IKEv2, 2870969a8c49e79c_i 1e387a0934f40ada_r*
              local  'hub.vpn.renkei-hub.example' @ 10.250.0.1[4500]
              remote 'a.sites.vpn.renkei-hub.example' @ 10.250.0.2[4500]
              AES_GCM_16-256/PRF_HMAC_SHA2_384/ECP_384
              established 42s ago, rekeying in 14341s
              site-a: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_GCM_16-256/ECP_384
                installed 42s ago, rekeying in 3258s, expires in 3960s
                in  957287b6,   1252 bytes,     9 packets,     1s ago
                out b668bf0a,   3480 bytes,    11 packets,     1s ago
                local  10.251.0.0/24 fd00:251::/64
                remote 10.252.1.0/24 fd00:252:1::/64
            site-b: #2, CONNECTING, IKEv2, 1111111111111111_i 0000000000000000_r
              local  'hub.vpn.renkei-hub.example' @ 10.250.0.1[500]
              remote '%any' @ 10.250.0.3[500]
            """;

    @Test
    void readsStateAgeAndByteCountersPerIkeSa() {
        List<IkeSa> sas = ListSasParser.parse(OUTPUT);
        assertThat(sas).containsExactly(
                new IkeSa("site-a", "ESTABLISHED", 42L, 1252, 3480, 1),
                new IkeSa("site-b", "CONNECTING", null, 0, 0, 0));
    }

    @Test
    void noSasNoEntries() {
        assertThat(ListSasParser.parse("")).isEmpty();
    }
}
