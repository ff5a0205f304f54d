package jp.renkei.hub.vpn.swanctl;

import static jp.renkei.hub.vpn.testsupport.VpnFixtures.admin;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.csr;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.ec;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.freshPrefixes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.List;

import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.pki.RevocationReason;
import jp.renkei.hub.vpn.enrol.EnrolmentResult;
import jp.renkei.hub.vpn.enrol.Enrolments;
import jp.renkei.hub.vpn.site.Sites;
import jp.renkei.hub.vpn.testsupport.VpnFixtures;
import jp.renkei.hub.vpn.testsupport.VpnTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@VpnTest
class HubSideSyncTest {

    @Autowired
    FacilityRegistry registry;
    @Autowired
    Sites sites;
    @Autowired
    Enrolments enrolments;
    @Autowired
    RouterRevocation revocation;
    @Autowired
    HubSideSync sync;

    private String facility;
    private List<String> prefixes;

    @BeforeEach
    void site() {
        facility = VpnFixtures.activeFacility(registry);
        prefixes = freshPrefixes();
        sites.save(facility, VpnFixtures.site(prefixes), "test");
    }

    @Test
    void anEnrolledSiteGetsItsConnectionFileAndLosesItOnRevocation() throws Exception {
        HubSwanctlDirectory directory = sync.directory();
        var file = directory.siteFile("site-" + facility);
        assertThat(file).doesNotExist(); // a site without a router certificate has no connection

        EnrolmentResult enrolled = enrol();
        assertThat(file).exists();
        String conf = Files.readString(file);
        assertThat(conf).contains("id = " + facility + ".sites.vpn.renkei-hub.example")
                .contains("remote_ts = " + String.join(",", prefixes))
                .contains("local_ts = 10.251.0.0/24,fd00:251::/64")
                .contains("remote_addrs = 203.0.113.10");
        assertThat(directory.caFile()).exists();
        assertThat(directory.hubCertificateFile()).exists();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.hubKeyFile()))).isEqualTo("rw-------");
        assertThat(Files.readString(directory.mainFile())).contains("include conf.d/*.conf");

        revocation.revoke(facility, RevocationReason.KEY_COMPROMISE, "admin-1");
        assertThat(file).doesNotExist();
        assertThat(crl().getRevokedCertificate(new BigInteger(enrolled.serial(), 16))).isNotNull();
    }

    @Test
    void suspendingTheFacilityRevokesTheRouterAndRemovesTheConnection() throws Exception {
        EnrolmentResult enrolled = enrol();
        var file = sync.directory().siteFile("site-" + facility);
        assertThat(file).exists();
        registry.changeStatus(facility, FacilityStatus.SUSPENDED, "契約更新待ち", "operator-1");
        assertThat(file).doesNotExist();
        assertThat(crl().getRevokedCertificate(new BigInteger(enrolled.serial(), 16)).getRevocationReason())
                .hasToString("PRIVILEGE_WITHDRAWN");
        assertThat(sync.currentRouter(facility)).isEmpty();
    }

    private EnrolmentResult enrol() {
        String token = enrolments.newToken(facility, admin(facility).id()).token();
        return enrolments.enrol(token, csr(ec("secp256r1")));
    }

    private X509CRL crl() throws Exception {
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(sync.directory().crlFile()))) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
    }
}
