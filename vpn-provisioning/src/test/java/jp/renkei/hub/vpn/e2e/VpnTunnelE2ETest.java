package jp.renkei.hub.vpn.e2e;

import static jp.renkei.hub.vpn.testsupport.VpnFixtures.admin;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.csr;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.ec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.network.SiteNetworks;
import jp.renkei.hub.core.pki.HubCertificateAuthority;
import jp.renkei.hub.core.pki.IssuedKey;
import jp.renkei.hub.core.pki.RevocationReason;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.vpn.VpnProperties;
import jp.renkei.hub.vpn.enrol.EnrolmentResult;
import jp.renkei.hub.vpn.enrol.Enrolments;
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
import jp.renkei.hub.vpn.testsupport.Charon;
import jp.renkei.hub.vpn.testsupport.Namespaces;
import jp.renkei.hub.vpn.testsupport.Root;
import jp.renkei.hub.vpn.testsupport.Shell;
import jp.renkei.hub.vpn.testsupport.VpnFixtures;
import jp.renkei.hub.vpn.testsupport.VpnTest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole onboarding, end to end, on real strongSwan: the hub generates the configuration of its own side and of
 * two sites; each runs its own charon in its own network namespace (kernel-libipsec); both tunnels come up; an
 * HTTPS request and an MLLP message from each site's LAN address reach the hub's service address through the
 * tunnel; a revoked site is refused at its next IKE_AUTH; a certificate from a foreign CA with the same name is
 * refused; an overlapping site is refused at registration; an association claiming site 1's AE title through site
 * 2's tunnel is refused by the site binding rule over the real site records. Only addresses inside the namespaces
 * are used.
 *
 * <p>The hub's services inside the hub namespace are stand-ins (NetnsEndpoints: HTTPS with a hub-CA certificate,
 * MLLP ACK, a DICOM acceptor applying hub-core's SiteBinding) in a child JVM, because the hub process itself cannot
 * move into a namespace; the DICOM bridge's own refusal is proven on loopback (DicomSiteBindingIT).
 */
@VpnTest
class VpnTunnelE2ETest {

    private static final String HUB_OUTSIDE = "10.250.0.1";
    private static final String HUB_SERVICE = "10.251.0.1";
    private static final String HUB_SERVICE_V6 = "fd00:251::1";
    private static final int HTTPS_PORT = 8443;
    private static final int MLLP_PORT = 2575;
    private static final int DICOM_PORT = 11112;

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
    @Autowired
    SiteNetworks networks;

    @Test
    void twoSitesComeUpCarryHttpsAndMllpAndRevokedOrForeignRoutersAreRefused(@TempDir Path work) throws Exception {
        String missing = Root.missing();
        assumeTrue(missing == null, () -> "VpnTunnelE2ETest skipped: " + missing);

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
            String site1 = net.create("s1");
            String site2 = net.create("s2");
            String rogue = net.create("rg");
            net.ip(hub, "link add br0 type bridge");
            net.ip(hub, "addr add " + HUB_OUTSIDE + "/24 dev br0");
            net.ip(hub, "link set br0 up");
            net.ip(hub, "addr add " + HUB_SERVICE + "/32 dev lo");
            net.ip(hub, "addr add " + HUB_SERVICE_V6 + "/128 dev lo");
            net.link(hub, "br0", site1, "10.250.0.2/24", 1);
            net.link(hub, "br0", site2, "10.250.0.3/24", 2);
            net.link(hub, "br0", rogue, "10.250.0.4/24", 3);
            net.ip(site1, "addr add 10.252.1.1/32 dev lo");
            net.ip(site1, "addr add fd00:252:1::1/128 dev lo");
            net.ip(site2, "addr add 10.252.2.1/32 dev lo");
            net.ip(site2, "addr add fd00:252:2::1/128 dev lo");
            net.ip(rogue, "addr add 10.252.2.1/32 dev lo");

            Process endpoints = startEndpoints(hub, work, "S1_PACS=" + facility1 + "=" + prefixes(facility1)
                    + ";S2_PACS=" + facility2 + "=" + prefixes(facility2));
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
                awaitInstalled(site1Charon, site1Dir);
                awaitInstalled(site2Charon, site2Dir);
                System.out.println("VpnTunnelE2ETest: both tunnels up in " + Duration.between(start, Instant.now()).toMillis() + " ms");

                // HTTPS and MLLP from each site's LAN address reach the hub's service address through its tunnel
                assertThat(https(site1, "10.252.1.1", work)).contains("\"client\":\"10.252.1.1\"");
                assertThat(https(site2, "10.252.2.1", work)).contains("\"client\":\"10.252.2.1\"");
                assertThat(mllp(site1, "10.252.1.1", HUB_SERVICE, "MSG0001")).contains("MSA|AA|MSG0001|from 10.252.1.1");
                assertThat(mllp(site2, "fd00:252:2::1", HUB_SERVICE_V6, "MSG0002"))
                        .contains("MSA|AA|MSG0002|from fd00:252:2:0:0:0:0:1");
                // AE titles are bound to their site: site 1's AE title counts only from site 1's tunnel
                assertThat(dicom(site1, "10.252.1.1", HUB_SERVICE, "S1_PACS")).isEqualTo("AC");
                assertThat(dicom(site2, "fd00:252:2::1", HUB_SERVICE_V6, "S2_PACS")).isEqualTo("AC");
                assertThat(dicom(site2, "10.252.2.1", HUB_SERVICE, "S1_PACS")).isEqualTo("RJ 1/1/3");
                assertThat(dicom(site1, "fd00:252:1::1", HUB_SERVICE_V6, "S2_PACS")).isEqualTo("RJ 1/1/3");

                // the operator's status, read from the hub's charon
                List<IkeSa> sas = ListSasParser.parse(hubSwanctl.listSas().output());
                IkeSa sa1 = sa(sas, "site-" + facility1).orElseThrow();
                IkeSa sa2 = sa(sas, "site-" + facility2).orElseThrow();
                assertThat(sa1.state()).isEqualTo("ESTABLISHED");
                assertThat(sa1.installedChildren()).isPositive();
                assertThat(sa1.bytesIn()).isPositive();
                assertThat(sa1.bytesOut()).isPositive();
                assertThat(sa2.bytesIn()).isPositive();

                // a certificate from a foreign CA with the hub CA's very name, for site 2's identity, is refused
                Path rogueDir = rogueDirectory(work.resolve("rogue"), sites.find(facility2).orElseThrow());
                try (Charon rogueCharon = Charon.start(rogue, work.resolve("charon-rg"))) {
                    rogueCharon.swanctl(rogueDir, "--load-all", "--noprompt").orFail();
                    Shell.Result attempt = rogueCharon.swanctl(rogueDir, "--initiate", "--child",
                            SwanctlGenerator.SITE_CONNECTION, "--timeout", "15");
                    assertThat(attempt.exitCode()).isNotZero();
                    assertThat(attempt.output()).contains("AUTHENTICATION_FAILED");
                }
                assertThat(https(site2, "10.252.2.1", work)).contains("\"client\":\"10.252.2.1\"");

                // revocation: new CRL, the hub's connection removed and its SAs torn down; the next IKE_AUTH fails
                revocation.revoke(facility1, RevocationReason.KEY_COMPROMISE, "operator-1");
                assertThat(sync.directory().siteFile("site-" + facility1)).doesNotExist();
                assertThat(sync.directory().crlFile()).content().isNotBlank();
                // what the hub does after the revocation when renkei.vpn.load=true: reload, end the site's SAs
                HubSideSync.SyncResult reloaded = sync.sync(hubSwanctl);
                assertThat(reloaded.connections()).doesNotContain("site-" + facility1).contains("site-" + facility2);
                assertThat(sa(ListSasParser.parse(hubSwanctl.listSas().output()), "site-" + facility1)).isEmpty();
                assertThat(sa(ListSasParser.parse(hubSwanctl.listSas().output()), "site-" + facility2)).isPresent();
                site1Charon.swanctl(null, "--terminate", "--ike", SwanctlGenerator.SITE_CONNECTION, "--timeout", "10");
                Shell.Result again = site1Charon.swanctl(site1Dir, "--initiate", "--child",
                        SwanctlGenerator.SITE_CONNECTION, "--timeout", "15");
                assertThat(again.exitCode()).as(again.output()).isNotZero();
                assertThat(again.output()).contains("AUTHENTICATION_FAILED");
                assertThat(Shell.run(curl(site1, "10.252.1.1", work, "3")).exitCode()).isNotZero();
                // site 2 is untouched
                assertThat(https(site2, "10.252.2.1", work)).contains("\"client\":\"10.252.2.1\"");
                assertThat(new BigInteger(router1.serial(), 16)).isNotNull();
            } finally {
                endpoints.destroy();
                endpoints.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** The site's swanctl directory as the archive delivers it, plus the router's certificate and key. */
    private Path siteDirectory(Path dir, Site site, String certificatePem, KeyPair key) throws Exception {
        Map<String, String> archive = SiteConfigArchive.entries(site, generator, ca.certificatePem(),
                properties.hubAddress(), properties.hubIdentity(), "10.251.0.0/24, fd00:251::/64");
        for (var entry : archive.entrySet()) {
            if (!entry.getKey().startsWith("swanctl/")) {
                continue;
            }
            Path target = dir.resolve(entry.getKey().substring("swanctl/".length()));
            if (entry.getKey().endsWith("/")) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                Files.writeString(target, entry.getValue());
            }
        }
        Files.writeString(dir.resolve("x509").resolve(SwanctlGenerator.ROUTER_CERT_FILE), certificatePem);
        Files.writeString(dir.resolve("private").resolve(SwanctlGenerator.ROUTER_KEY_FILE), VpnFixtures.pem(key.getPrivate()));
        return dir;
    }

    /** Site 2's configuration with a key and certificate from a foreign CA that copies the hub CA's name. */
    private Path rogueDirectory(Path dir, Site impersonated) throws Exception {
        KeyPair rogueCa = ec("secp256r1");
        KeyPair rogueKey = ec("secp256r1");
        X500Name caName = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        Date from = Date.from(Instant.now().minusSeconds(300));
        Date to = Date.from(Instant.now().plus(Duration.ofDays(1)));
        var builder = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(4242), from, to,
                new X500Name("CN=" + impersonated.ikeIdentity()), rogueKey.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, impersonated.ikeIdentity())));
        X509Certificate forged = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rogueCa.getPrivate())));
        Path target = siteDirectory(dir, impersonated, VpnFixtures.pem(forged), rogueKey);
        // the rogue does not even start automatically: the test initiates once and expects the refusal
        Files.writeString(target.resolve("swanctl.conf"),
                Files.readString(target.resolve("swanctl.conf")).replace("start_action = start", "start_action = none")
                        .replace("close_action = start", "close_action = none").replace("dpd_action = restart", "dpd_action = clear"));
        return target;
    }

    /** The facility's site prefixes as the DICOM bridge and the gateway read them (the SiteNetworks port). */
    private String prefixes(String facilityId) {
        return networks.prefixesOf(facilityId).orElseThrow().stream()
                .map(p -> p.network().getHostAddress() + "/" + p.length()).collect(Collectors.joining(","));
    }

    private static String dicom(String namespace, String source, String target, String callingAe) {
        Shell.Result result = Shell.run(List.of("ip", "netns", "exec", namespace, javaBinary(), "-cp",
                System.getProperty("java.class.path"), NetnsEndpoints.class.getName(), "dicom-associate", source,
                target, String.valueOf(DICOM_PORT), callingAe));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output().strip();
    }

    private Process startEndpoints(String hub, Path work, String dicomSites) throws Exception {
        IssuedKey tls = ca.issueVpnGatewayCertificate(HUB_SERVICE);
        Path keystore = work.resolve("endpoints.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("hub", tls.privateKey(), "changeit".toCharArray(), new Certificate[]{tls.certificate(), ca.certificate()});
        try (OutputStream out = new FileOutputStream(keystore.toFile())) {
            store.store(out, "changeit".toCharArray());
        }
        Files.writeString(work.resolve("ca.crt"), ca.certificatePem());
        Process process = new ProcessBuilder("ip", "netns", "exec", hub, javaBinary(), "-cp",
                System.getProperty("java.class.path"), NetnsEndpoints.class.getName(), "serve", keystore.toString(),
                "changeit", String.valueOf(HTTPS_PORT), String.valueOf(MLLP_PORT), String.valueOf(DICOM_PORT), dicomSites)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("hub endpoints did not start").isEqualTo("READY");
        return process;
    }

    private static String https(String namespace, String source, Path work) {
        Shell.Result result = Shell.run(curl(namespace, source, work, "10"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    private static List<String> curl(String namespace, String source, Path work, String maxTime) {
        return List.of("ip", "netns", "exec", namespace, "curl", "-sS", "--max-time", maxTime, "--interface", source,
                "--cacert", work.resolve("ca.crt").toString(), "https://" + HUB_SERVICE + ":" + HTTPS_PORT + "/fhir/metadata");
    }

    private static String mllp(String namespace, String source, String target, String controlId) {
        Shell.Result result = Shell.run(List.of("ip", "netns", "exec", namespace, javaBinary(), "-cp",
                System.getProperty("java.class.path"), NetnsEndpoints.class.getName(), "mllp-send", source, target,
                String.valueOf(MLLP_PORT), controlId));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    private static void awaitInstalled(Charon charon, Path dir) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String sas = charon.swanctl(dir, "--list-sas").output();
            if (sas.contains("ESTABLISHED") && sas.contains("INSTALLED")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("tunnel did not come up:\n" + charon.swanctl(dir, "--list-sas").output() + "\n" + charon.log());
    }

    private static Optional<IkeSa> sa(List<IkeSa> sas, String connection) {
        return sas.stream().filter(sa -> sa.connection().equals(connection) && "ESTABLISHED".equals(sa.state())).findFirst();
    }

    /** A swanctl that runs inside the hub namespace, for the hub's own Swanctl class. */
    private static String wrapper(Path work, String namespace, Path charonHome) throws Exception {
        Path script = work.resolve("swanctl-in-hub");
        Files.writeString(script, "#!/bin/sh\nexec ip netns exec " + namespace + " env STRONGSWAN_CONF="
                + charonHome.resolve("strongswan.conf") + " swanctl \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
