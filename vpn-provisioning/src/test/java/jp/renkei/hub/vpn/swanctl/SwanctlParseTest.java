package jp.renkei.hub.vpn.swanctl;

import static jp.renkei.hub.vpn.testsupport.VpnFixtures.admin;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.csr;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.ec;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.freshPrefixes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.vpn.HubServicePrefixes;
import jp.renkei.hub.vpn.VpnProperties;
import jp.renkei.hub.vpn.enrol.EnrolmentResult;
import jp.renkei.hub.vpn.enrol.Enrolments;
import jp.renkei.hub.vpn.netns.Charon;
import jp.renkei.hub.vpn.netns.Namespaces;
import jp.renkei.hub.vpn.netns.Root;
import jp.renkei.hub.vpn.netns.Shell;
import jp.renkei.hub.vpn.site.RouterKind;
import jp.renkei.hub.vpn.site.Site;
import jp.renkei.hub.vpn.site.SiteContact;
import jp.renkei.hub.vpn.site.SiteRequest;
import jp.renkei.hub.vpn.site.Sites;
import jp.renkei.hub.vpn.testsupport.VpnFixtures;
import jp.renkei.hub.vpn.testsupport.VpnTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * strongSwan itself reads every file the hub generates: the hub side's directory and a site's archive are loaded
 * with {@code swanctl --load-all} into a charon (in a private network namespace, so trap policies stay there), and
 * every connection, certificate and key must load with no warning or failure.
 */
@VpnTest
class SwanctlParseTest {

    @Autowired
    FacilityRegistry registry;
    @Autowired
    Sites sites;
    @Autowired
    Enrolments enrolments;
    @Autowired
    HubSideSync sync;
    @Autowired
    SwanctlGenerator generator;
    @Autowired
    VpnProperties properties;
    @Autowired
    HubServicePrefixes hubPrefixes;

    @Test
    void swanctlLoadsEveryGeneratedFileWithoutWarnings(@TempDir Path work) throws Exception {
        String missing = Root.missing();
        assumeTrue(missing == null, () -> "SwanctlParseTest skipped: " + missing);

        String withAddress = VpnFixtures.activeFacility(registry);
        sites.save(withAddress, VpnFixtures.site(freshPrefixes()), "test");
        String behindNat = VpnFixtures.activeFacility(registry);
        sites.save(behindNat, new SiteRequest(RouterKind.GENERIC_IKEV2, null, freshPrefixes(),
                new SiteContact("山田", "024-000-0003", "nat@example.jp")), "test");
        KeyPair routerKey = ec("secp384r1");
        EnrolmentResult enrolled = enrolments.enrol(enrolments.newToken(withAddress, admin(withAddress).id()).token(), csr(routerKey));
        enrolments.enrol(enrolments.newToken(behindNat, admin(behindNat).id()).token(), csr(ec("secp256r1")));
        sync.sync();

        Path siteDir = work.resolve("site-swanctl");
        Site site = sites.find(withAddress).orElseThrow();
        Map<String, String> archive = SiteConfigArchive.entries(site, generator, enrolled.caCertificatePem(),
                properties.hubAddress(), properties.hubIdentity(), "10.251.0.0/24");
        for (var entry : archive.entrySet()) {
            if (entry.getKey().startsWith("swanctl/") && entry.getKey().endsWith("/")) {
                Files.createDirectories(siteDir.resolve(entry.getKey().substring("swanctl/".length())));
            } else if (entry.getKey().startsWith("swanctl/")) {
                Path file = siteDir.resolve(entry.getKey().substring("swanctl/".length()));
                Files.createDirectories(file.getParent());
                Files.writeString(file, entry.getValue());
            }
        }
        Files.createDirectories(siteDir.resolve("x509"));
        Files.createDirectories(siteDir.resolve("private"));
        Files.writeString(siteDir.resolve("x509").resolve(SwanctlGenerator.ROUTER_CERT_FILE), enrolled.certificatePem());
        Files.writeString(siteDir.resolve("private").resolve(SwanctlGenerator.ROUTER_KEY_FILE),
                VpnFixtures.pem(routerKey.getPrivate()));

        try (Namespaces namespaces = new Namespaces()) {
            String namespace = namespaces.create("parse");
            try (Charon charon = Charon.start(namespace, work.resolve("charon"))) {
                Path hubDir = sync.directory().path();
                Shell.Result hub = charon.swanctl(hubDir, "--load-all", "--noprompt", "--file",
                        hubDir.resolve("swanctl.conf").toString());
                assertClean(hub);
                assertThat(hub.output())
                        .contains("loaded connection 'site-" + withAddress + "'")
                        .contains("loaded connection 'site-" + behindNat + "'")
                        .contains("loaded private key")
                        .contains("loaded certificate")
                        .contains("x509crl/" + SwanctlGenerator.CRL_FILE);
                Shell.Result router = charon.swanctl(siteDir, "--load-all", "--clear", "--noprompt", "--file",
                        siteDir.resolve("swanctl.conf").toString());
                assertClean(router);
                assertThat(router.output()).contains("loaded connection 'renkei-hub'")
                        .contains("loaded private key from '" + siteDir.resolve("private").resolve(SwanctlGenerator.ROUTER_KEY_FILE))
                        .contains("successfully loaded 1 connections");
                // the loaded connection is what was generated: IKEv2, both proposals, both prefixes
                String conns = charon.swanctl(null, "--list-conns").orFail().output();
                assertThat(conns).contains("renkei-hub: IKEv2").contains(site.lanPrefixes().get(1).toString())
                        .contains("fd00:251::/64");
            }
        }
    }

    private static void assertClean(Shell.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().toLowerCase()).as(result.output())
                .doesNotContain("fail").doesNotContain("warn").doesNotContain("unknown").doesNotContain("ignor")
                .doesNotContain("invalid").doesNotContain("error");
    }
}
