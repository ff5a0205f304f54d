package jp.renkei.hub.vpn.e2e;

import static jp.renkei.hub.vpn.testsupport.VpnFixtures.admin;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.csr;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.ec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.pki.HubCertificateAuthority;
import jp.renkei.hub.core.pki.RevocationReason;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.vpn.VpnProperties;
import jp.renkei.hub.vpn.enrol.EnrolmentResult;
import jp.renkei.hub.vpn.enrol.Enrolments;
import jp.renkei.hub.vpn.netns.Charon;
import jp.renkei.hub.vpn.netns.Namespaces;
import jp.renkei.hub.vpn.netns.Root;
import jp.renkei.hub.vpn.netns.Shell;
import jp.renkei.hub.vpn.netns.SiteRouterFiles;
import jp.renkei.hub.vpn.netns.TunnelNet;
import jp.renkei.hub.vpn.site.RouterKind;
import jp.renkei.hub.vpn.site.Site;
import jp.renkei.hub.vpn.site.SiteContact;
import jp.renkei.hub.vpn.site.SiteRequest;
import jp.renkei.hub.vpn.site.Sites;
import jp.renkei.hub.vpn.status.IkeSa;
import jp.renkei.hub.vpn.status.ListSasParser;
import jp.renkei.hub.vpn.swanctl.HubSideSync;
import jp.renkei.hub.vpn.swanctl.RouterRevocation;
import jp.renkei.hub.vpn.swanctl.SiteConfigArchive;
import jp.renkei.hub.vpn.swanctl.Swanctl;
import jp.renkei.hub.vpn.swanctl.SwanctlGenerator;
import jp.renkei.hub.vpn.testsupport.VpnFixtures;
import jp.renkei.hub.vpn.testsupport.VpnTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The generated configurations on real strongSwan, without the rest of the hub (seconds, where hub-app's
 * VpnHubThroughTunnelIT needs the whole hub): the hub generates its own side and two sites'; each runs its own
 * charon in its own network namespace (kernel-libipsec); both tunnels come up and carry IPv4 and IPv6 between each
 * site's LAN address and the hub's service address (ping); the operator's parser reads both SAs with their byte
 * counters; a certificate from a foreign CA with the same name is refused; a revoked site is unloaded and its SA
 * ended by HubSideSync and its next IKE_AUTH fails while the other site keeps working; an overlapping site is
 * refused at registration. The hub's services behind the tunnels (HTTPS, MLLP, DICOM, C-MOVE) are proven by
 * VpnHubThroughTunnelIT. Only addresses inside the namespaces are used.
 */
@VpnTest
class VpnTunnelE2ETest {

    private static final String HUB_SERVICE = TunnelNet.HUB_SERVICE;
    private static final String HUB_SERVICE_V6 = TunnelNet.HUB_SERVICE_V6;

    @Autowired
    FacilityRegistry registry;
    @Autowired
    Sites sites;
    @Autowired
    Enrolments enrolments;
    @Autowired
    HubSideSync sync;
    @Autowired
    RouterRevocation revocation;
    @Autowired
    SwanctlGenerator generator;
    @Autowired
    VpnProperties properties;
    @Autowired
    HubCertificateAuthority ca;

    @Test
    void twoSitesComeUpCarryHttpsAndMllpAndRevokedOrForeignRoutersAreRefused(@TempDir Path work) throws Exception {
        String missing = Root.missing();
        assumeTrue(missing == null, () -> "VpnTunnelE2ETest skipped: " + missing);
        assumeTrue(Shell.run(List.of("ping", "-V")).exitCode() == 0, "VpnTunnelE2ETest skipped: needs ping (iputils-ping)");

        // registration: site 1 with a public address, site 2 behind NAT; an overlapping third is refused
        String facility1 = VpnFixtures.activeFacility(registry);
        String facility2 = VpnFixtures.activeFacility(registry);
        sites.save(facility1, new SiteRequest(RouterKind.STRONGSWAN, "10.250.0.2",
                List.of("10.252.1.0/24", "fd00:252:1::/64"), new SiteContact("山田", "024-1", "a@example.jp")), "admin");
        sites.save(facility2, new SiteRequest(RouterKind.STRONGSWAN, null,
                List.of("10.252.2.0/24", "fd00:252:2::/64"), new SiteContact("佐藤", "024-2", "b@example.jp")), "admin");
        String facility3 = VpnFixtures.activeFacility(registry);
        assertThatThrownBy(() -> sites.save(facility3, VpnFixtures.site(List.of("10.252.1.128/25")), "admin"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("(施設 " + facility1 + ") の 10.252.1.0/24");
                });

        KeyPair key1 = ec("secp384r1");
        KeyPair key2 = ec("secp256r1");
        EnrolmentResult router1 = enrolments.enrol(enrolments.newToken(facility1, admin(facility1).id()).token(), csr(key1));
        EnrolmentResult router2 = enrolments.enrol(enrolments.newToken(facility2, admin(facility2).id()).token(), csr(key2));
        HubSideSync.SyncResult synced = sync.sync();
        assertThat(synced.connections()).contains("site-" + facility1, "site-" + facility2);

        Path site1Dir = siteDirectory(work.resolve("site1"), sites.find(facility1).orElseThrow(), router1.certificatePem(), key1);
        Path site2Dir = siteDirectory(work.resolve("site2"), sites.find(facility2).orElseThrow(), router2.certificatePem(), key2);

        try (Namespaces net = new Namespaces()) {
            String hub = net.create("hub");
            TunnelNet.hub(net, hub);
            TunnelNet.Sites joined = TunnelNet.sites(net, hub);
            String site1 = joined.site1();
            String site2 = joined.site2();
            String rogue = joined.rogue();

            try (Charon hubCharon = Charon.start(hub, work.resolve("charon-hub"));
                 Charon site1Charon = Charon.start(site1, work.resolve("charon-s1"));
                 Charon site2Charon = Charon.start(site2, work.resolve("charon-s2"))) {
                Swanctl hubSwanctl = new Swanctl(wrapper(work, hub, work.resolve("charon-hub")), hubCharon.viciUri());
                HubSideSync.SyncResult loaded = sync.sync(hubSwanctl);
                assertThat(loaded.loadOutput()).contains("loaded connection 'site-" + facility1 + "'")
                        .contains("loaded connection 'site-" + facility2 + "'");

                Instant start = Instant.now();
                // the sites' start_action=start brings the tunnels up as soon as the configuration is loaded
                site1Charon.swanctl(site1Dir, "--load-all", "--noprompt").orFail();
                site2Charon.swanctl(site2Dir, "--load-all", "--noprompt").orFail();
                site1Charon.awaitInstalled(site1Dir);
                site2Charon.awaitInstalled(site2Dir);
                System.out.println("VpnTunnelE2ETest: both tunnels up in " + Duration.between(start, Instant.now()).toMillis() + " ms");

                // the tunnels carry IPv4 and IPv6 from each site's LAN address to the hub's service address
                assertThat(ping(site1, "10.252.1.1", HUB_SERVICE).exitCode()).isZero();
                assertThat(ping(site2, "10.252.2.1", HUB_SERVICE).exitCode()).isZero();
                assertThat(ping(site1, "fd00:252:1::1", HUB_SERVICE_V6).exitCode()).isZero();
                assertThat(ping(site2, "fd00:252:2::1", HUB_SERVICE_V6).exitCode()).isZero();

                // the operator's status, read from the hub's charon
                List<IkeSa> sas = ListSasParser.parse(hubSwanctl.listSas().output());
                IkeSa sa1 = Charon.established(sas, "site-" + facility1).orElseThrow();
                IkeSa sa2 = Charon.established(sas, "site-" + facility2).orElseThrow();
                assertThat(sa1.state()).isEqualTo("ESTABLISHED");
                assertThat(sa1.installedChildren()).isPositive();
                assertThat(sa1.bytesIn()).isPositive();
                assertThat(sa1.bytesOut()).isPositive();
                assertThat(sa2.bytesIn()).isPositive();

                // a certificate from a foreign CA with the hub CA's very name, for site 2's identity, is refused
                Site impersonated = sites.find(facility2).orElseThrow();
                Path rogueDir = SiteRouterFiles.forged(work.resolve("rogue"), archive(impersonated), ca.certificate(),
                        impersonated.ikeIdentity());
                try (Charon rogueCharon = Charon.start(rogue, work.resolve("charon-rg"))) {
                    rogueCharon.swanctl(rogueDir, "--load-all", "--noprompt").orFail();
                    Shell.Result attempt = rogueCharon.swanctl(rogueDir, "--initiate", "--child",
                            SwanctlGenerator.SITE_CONNECTION, "--timeout", "15");
                    assertThat(attempt.exitCode()).isNotZero();
                    assertThat(attempt.output()).contains("AUTHENTICATION_FAILED");
                }
                assertThat(ping(site2, "10.252.2.1", HUB_SERVICE).exitCode()).isZero();

                // revocation: new CRL, the hub's connection removed and its SAs torn down; the next IKE_AUTH fails
                revocation.revoke(facility1, RevocationReason.KEY_COMPROMISE, "operator-1");
                assertThat(sync.directory().siteFile("site-" + facility1)).doesNotExist();
                assertThat(sync.directory().crlFile()).content().isNotBlank();
                // what the hub does after the revocation when renkei.vpn.load=true: reload, end the site's SAs
                HubSideSync.SyncResult reloaded = sync.sync(hubSwanctl);
                assertThat(reloaded.connections()).doesNotContain("site-" + facility1).contains("site-" + facility2);
                List<IkeSa> after = ListSasParser.parse(hubSwanctl.listSas().output());
                assertThat(Charon.established(after, "site-" + facility1)).isEmpty();
                assertThat(Charon.established(after, "site-" + facility2)).isPresent();
                site1Charon.swanctl(null, "--terminate", "--ike", SwanctlGenerator.SITE_CONNECTION, "--timeout", "10");
                Shell.Result again = site1Charon.swanctl(site1Dir, "--initiate", "--child",
                        SwanctlGenerator.SITE_CONNECTION, "--timeout", "15");
                assertThat(again.exitCode()).as(again.output()).isNotZero();
                assertThat(again.output()).contains("AUTHENTICATION_FAILED");
                assertThat(ping(site1, "10.252.1.1", HUB_SERVICE).exitCode()).isNotZero();
                // site 2 is untouched
                assertThat(ping(site2, "10.252.2.1", HUB_SERVICE).exitCode()).isZero();
                assertThat(new BigInteger(router1.serial(), 16)).isNotNull();
            }
        }
    }

    /** The site's swanctl directory as the archive delivers it, plus the router's certificate and key. */
    private Path siteDirectory(Path dir, Site site, String certificatePem, KeyPair key) throws Exception {
        return SiteRouterFiles.write(dir, archive(site), certificatePem, key);
    }

    private Map<String, String> archive(Site site) {
        return SiteConfigArchive.entries(site, generator, ca.certificatePem(), properties.hubAddress(),
                properties.hubIdentity(), "10.251.0.0/24, fd00:251::/64");
    }

    /** One echo request from the site's LAN address to the hub's service address, answered within 3 s or not. */
    private static Shell.Result ping(String namespace, String source, String target) {
        return Shell.run(List.of("ip", "netns", "exec", namespace, "ping", "-c", "1", "-W", "3", "-I", source, target));
    }


    /** A swanctl that runs inside the hub namespace, for the hub's own Swanctl class. */
    private static String wrapper(Path work, String namespace, Path charonHome) throws Exception {
        Path script = work.resolve("swanctl-in-hub");
        Files.writeString(script, "#!/bin/sh\nexec ip netns exec " + namespace + " env STRONGSWAN_CONF="
                + charonHome.resolve("strongswan.conf") + " swanctl \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }
}
