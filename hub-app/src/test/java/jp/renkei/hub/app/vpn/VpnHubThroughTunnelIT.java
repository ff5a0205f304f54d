package jp.renkei.hub.app.vpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.csr;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.ec;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.pem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import jp.renkei.hub.app.RenkeiHubApplication;
import jp.renkei.hub.app.dicom.DicomFixtures;
import jp.renkei.hub.app.support.TestPaths;
import jp.renkei.hub.consent.ConsentCategory;
import jp.renkei.hub.consent.ConsentRegistry;
import jp.renkei.hub.consent.ConsentTerms;
import jp.renkei.hub.consent.FacilityScope;
import jp.renkei.hub.consent.ObtainedVia;
import jp.renkei.hub.consent.ValidityPeriod;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.patient.IdentityVerification;
import jp.renkei.hub.core.patient.PatientEnrolment;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import jp.renkei.hub.core.pki.HubCertificateAuthority;
import jp.renkei.hub.core.pki.RevocationReason;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.server.DicomBridgeConfig;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.ingest.IngestIds;
import jp.renkei.hub.gateway.mllp.MllpConfig;
import jp.renkei.hub.vpn.HubServicePrefixes;
import jp.renkei.hub.vpn.VpnProperties;
import jp.renkei.hub.vpn.enrol.EnrolmentResult;
import jp.renkei.hub.vpn.enrol.Enrolments;
import jp.renkei.hub.vpn.netns.Charon;
import jp.renkei.hub.vpn.netns.Namespaces;
import jp.renkei.hub.vpn.netns.Root;
import jp.renkei.hub.vpn.netns.Shell;
import jp.renkei.hub.vpn.netns.SiteRouterFiles;
import jp.renkei.hub.vpn.netns.TunnelNet;
import jp.renkei.hub.vpn.site.DicomNodeRequest;
import jp.renkei.hub.vpn.site.DicomNodes;
import jp.renkei.hub.vpn.site.IpPrefix;
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
import jp.renkei.hub.vpn.swanctl.SwanctlGenerator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The real hub behind real tunnels: this JVM — the whole hub with Tomcat (HTTPS), the MLLP and DICOM listeners,
 * its embedded PostgreSQL and vpn-provisioning with {@code renkei.vpn.load=true} — runs inside a network namespace
 * of its own (surefire's hub-netns execution, src/test/netns/bin/java), next to the hub's charon. The
 * test creates two site namespaces (and a rogue one) behind a bridge, each with its own charon (kernel-libipsec),
 * and drives everything a site does with real tools from inside the site's namespace: curl, DCMTK's echoscu,
 * storescu, movescu and storescp, and a child JVM for MLLP/TLS. The hub's side is configured by the hub itself
 * (its swanctl directory, loaded over VICI after every registry change); the sites' from the archive the hub
 * generates. Only addresses inside the namespaces this run creates are used.
 */
@EnabledIf(value = "inHubNamespace", disabledReason = "runs in hub-app's hub-netns surefire execution as root"
        + " with strongSwan (see docs/vpn.md)")
@SpringBootTest(classes = RenkeiHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "renkei.home=" + VpnHubThroughTunnelIT.HOME,
                "renkei.database.embedded.ephemeral=true",
                "renkei.fhir.ig-packages=" + TestPaths.JP_CORE_PACKAGE,
                "renkei.demo.enabled=false",
                "renkei.dicom.port=0",
                "renkei.gateway.mllp.enabled=true",
                "renkei.gateway.mllp.port=0",
                // the production settings: AE titles and gateway certificates count only from their site
                "renkei.dicom.bind-ae-to-site=true",
                "renkei.gateway.mllp.bind-to-site=true",
                "renkei.tls.host-names=localhost," + VpnHubThroughTunnelIT.HUB_SERVICE + "," + VpnHubThroughTunnelIT.HUB_SERVICE_V6,
                "renkei.vpn.load=true",
                "renkei.vpn.hub-address=" + VpnHubThroughTunnelIT.HUB_OUTSIDE,
                "renkei.vpn.service-prefixes=10.251.0.0/24,fd00:251::/64"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VpnHubThroughTunnelIT {

    /** The hub's home (its CA in pki/); static: the hub reads it before dynamic properties exist. */
    static final String HOME = "target/hub-netns-home";
    static final String HUB_OUTSIDE = TunnelNet.HUB_OUTSIDE;
    static final String HUB_SERVICE = TunnelNet.HUB_SERVICE;
    static final String HUB_SERVICE_V6 = TunnelNet.HUB_SERVICE_V6;
    private static final String SITE1_WAN = TunnelNet.SITE1_WAN;
    private static final String SITE1_LAN = TunnelNet.SITE1_LAN;
    private static final String SITE2_LAN_V6 = TunnelNet.SITE2_LAN_V6;
    private static final String S1_AE = "VPNIT_S1_PACS";
    private static final String S2_AE = "VPNIT_S2_PACS";
    private static final String S1_STORE = "VPNIT_S1_STORE";
    private static final int STORESCP_PORT = 11113;
    private static final Path LAB = Path.of(TestPaths.SHARED, "testdata/ssmix2/sampleData/999/901/9999013/20111220/"
            + "OML-11/9999013_20111220_OML-11_000000011000354_20111220103059000_01_1");
    private static final Pattern FINAL_MOVE = Pattern.compile(
            "Received Final Move Response.*?DIMSE Status\\s*: (0x[0-9a-f]{4})", Pattern.DOTALL);

    private static final String HUB_NS = System.getenv("RENKEI_HUB_NETNS");
    private static Path work;
    private static Charon hubCharon;

    @LocalServerPort
    int httpsPort;
    @Autowired
    FacilityRegistry registry;
    @Autowired
    Sites sites;
    @Autowired
    DicomNodes dicomNodes;
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
    HubServicePrefixes hubPrefixes;
    @Autowired
    HubCertificateAuthority ca;
    @Autowired
    DeviceCertificates devices;
    @Autowired
    MllpConfig.MllpListener mllp;
    @Autowired
    DicomBridgeConfig.DicomListener dicom;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IngestIds ingestIds;
    @Autowired
    DaoRegistry daos;
    @Autowired
    PatientEnrolment patients;
    @Autowired
    ConsentRegistry consents;

    private final Namespaces net = new Namespaces(HUB_NS);
    private final List<AutoCloseable> running = new ArrayList<>();
    private String site1;
    private String site2;
    private String rogue;
    private String facility1;
    private String facility2;
    private Path site1Dir;
    private Charon site1Charon;
    private Process storescp;
    private Path received;

    static boolean inHubNamespace() {
        return HUB_NS != null && !HUB_NS.isBlank() && Root.missing() == null;
    }

    /**
     * The hub's machine before the hub starts: its outside address on a bridge the sites will join, its service
     * addresses, and its charon, whose VICI socket the hub is configured to load into.
     */
    @DynamicPropertySource
    static void hubMachine(DynamicPropertyRegistry registry) throws Exception {
        work = Files.createTempDirectory("vpn-hub-netns");
        TunnelNet.hub(new Namespaces(HUB_NS), HUB_NS);
        hubCharon = Charon.start(HUB_NS, work.resolve("charon-hub"));
        registry.add("renkei.vpn.vici-uri", hubCharon::viciUri);
    }

    @BeforeAll
    void sitesComeUp() throws Exception {
        DicomFixtures.requireDcmtk("echoscu", "storescu", "movescu", "storescp");
        TunnelNet.Sites joined = TunnelNet.sites(net, HUB_NS);
        site1 = joined.site1();
        site2 = joined.site2();
        rogue = joined.rogue();

        // the operator's registration: site 1 with a public address, site 2 behind NAT; their DICOM AE titles
        facility1 = DicomFixtures.activeClinic(registry, "0719900011", "トンネル第一病院", S1_AE).id();
        facility2 = DicomFixtures.activeClinic(registry, "0719900029", "トンネル第二医院", S2_AE).id();
        sites.save(facility1, new SiteRequest(RouterKind.STRONGSWAN, SITE1_WAN, List.of("10.252.1.0/24",
                "fd00:252:1::/64"), new SiteContact("山田", "024-000-1001", "s1@example.jp")), "vpn-it");
        sites.save(facility2, new SiteRequest(RouterKind.STRONGSWAN, null, List.of("10.252.2.0/24",
                "fd00:252:2::/64"), new SiteContact("佐藤", "024-000-1002", "s2@example.jp")), "vpn-it");
        dicomNodes.replace(facility1, List.of(new DicomNodeRequest(S1_STORE, SITE1_LAN, STORESCP_PORT,
                List.of("STORE_DESTINATION"))), "vpn-it");

        // each router enrols with a CSR; the hub writes its side and loads it into its charon by itself
        KeyPair key1 = ec("secp384r1");
        KeyPair key2 = ec("secp256r1");
        EnrolmentResult router1 = enrolments.enrol(enrolments.newToken(facility1, "vpn-it").token(), csr(key1));
        EnrolmentResult router2 = enrolments.enrol(enrolments.newToken(facility2, "vpn-it").token(), csr(key2));
        String conns = hubCharon.swanctl(null, "--list-conns").output();
        assertThat(conns).as("the hub loaded its own side (renkei.vpn.load)")
                .contains("site-" + facility1 + ":").contains("site-" + facility2 + ":");

        site1Dir = siteDirectory(work.resolve("site1"), sites.find(facility1).orElseThrow(), router1.certificatePem(), key1);
        Path site2Dir = siteDirectory(work.resolve("site2"), sites.find(facility2).orElseThrow(), router2.certificatePem(), key2);
        site1Charon = started(Charon.start(site1, work.resolve("charon-s1")));
        Charon site2Charon = started(Charon.start(site2, work.resolve("charon-s2")));
        Instant start = Instant.now();
        // start_action=start: each site brings its tunnel up as soon as its configuration is loaded
        site1Charon.swanctl(site1Dir, "--load-all", "--noprompt").orFail();
        site2Charon.swanctl(site2Dir, "--load-all", "--noprompt").orFail();
        site1Charon.awaitInstalled(site1Dir);
        site2Charon.awaitInstalled(site2Dir);
        System.out.println("VpnHubThroughTunnelIT: both tunnels up in " + Duration.between(start, Instant.now()).toMillis() + " ms");

        // site 1's registered DICOM store destination, on its LAN address
        received = Files.createDirectories(work.resolve("received"));
        storescp = new ProcessBuilder("ip", "netns", "exec", site1, "storescp", "-aet", S1_STORE, "-od",
                received.toString(), Integer.toString(STORESCP_PORT)).redirectErrorStream(true)
                .redirectOutput(work.resolve("storescp.log").toFile()).start();
        running.add(() -> {
            storescp.destroy();
            storescp.waitFor(5, TimeUnit.SECONDS);
        });
    }

    @AfterAll
    void tearDown() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("VpnHubThroughTunnelIT teardown: " + e);
            }
        }
        if (hubCharon != null) {
            hubCharon.close();
        }
        net.close();
        FileSystemUtils.deleteRecursively(work);
    }

    @Test
    @Order(1)
    void bothTunnelsAreEstablishedAtTheHub() {
        List<IkeSa> sas = ListSasParser.parse(hubCharon.swanctl(null, "--list-sas").output());
        for (String facility : List.of(facility1, facility2)) {
            IkeSa sa = Charon.established(sas, "site-" + facility).orElseThrow();
            assertThat(sa.state()).isEqualTo("ESTABLISHED");
            assertThat(sa.installedChildren()).isPositive();
        }
    }

    @Test
    @Order(2)
    void httpsWithTheGatewayCertificateReachesTheHubFromEachSitesLan() throws Exception {
        Gateway gateway1 = gateway(facility1, "gw1");
        Gateway gateway2 = gateway(facility2, "gw2");

        Shell.Result fromSite1 = curl(site1, SITE1_LAN, HUB_SERVICE, gateway1, "/fhir/Patient?_count=1");
        assertThat(fromSite1.output()).as(fromSite1.output()).endsWith("\n200").contains("\"resourceType\":\"Bundle\"");
        Shell.Result fromSite2 = curl(site2, SITE2_LAN_V6, "[" + HUB_SERVICE_V6 + "]", gateway2, "/fhir/Patient?_count=1");
        assertThat(fromSite2.output()).as(fromSite2.output()).endsWith("\n200").contains("\"resourceType\":\"Bundle\"");
        // the same request without the client certificate is refused: the 200 above is the certificate's
        Shell.Result anonymous = curl(site1, SITE1_LAN, HUB_SERVICE, null, "/fhir/Patient?_count=1");
        assertThat(anonymous.output()).as(anonymous.output()).endsWith("\n401");
    }

    @Test
    @Order(3)
    void anMllpMessageFromTheSitesLanIsStoredAndAcknowledgedAaButNotFromOutsideItsPrefixes() throws Exception {
        Gateway gateway1 = gateway(facility1, "gw1-mllp");
        String patient = "V" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        // a storage file ends with the file separator 0x1C; a gateway pushes the message without it
        String message = Iso2022Jp.decode(Files.readAllBytes(LAB)).replace("\u001c", "")
                .replace("|0001000052^", "|" + patient + "^");
        Path messageFile = work.resolve("oml-" + patient + ".hl7");
        Files.write(messageFile, Iso2022Jp.encode(message));

        String ack = mllp(site1, SITE1_LAN, HUB_SERVICE, gateway1, messageFile);
        assertThat(ack).as(ack).contains("MSA|AA|");
        String subject = "Patient/" + ingestIds.patientIdFor(facility1, patient);
        List<IBaseResource> stored = daos.getResourceDao("Observation").search(SearchParameterMap.newSynchronous()
                .add("subject", new ReferenceParam(subject)), new SystemRequestDetails()).getAllResources();
        assertThat(stored).as("the pushed results, stored as site 1's").isNotEmpty();

        // the same gateway certificate from site 1's WAN address (not through the tunnel) gets no answer
        String outside = mllp(site1, SITE1_WAN, HUB_OUTSIDE, gateway1, messageFile);
        assertThat(outside).containsPattern("(?m)^CLOSED").doesNotContain("MSA|");
        assertThat(audited("MLLP connection", SITE1_WAN)).singleElement().asString()
                .startsWith("DENIED refused: " + SITE1_WAN + " is outside the VPN site prefixes of facility " + facility1);
    }

    @Test
    @Order(4)
    void anAssociationWithTheSitesAeTitleFromOutsideItsPrefixesIsRefusedAndAudited() throws Exception {
        DicomFixtures.Result inside = echoscu(site1, S1_AE, HUB_SERVICE);
        assertThat(inside.exit()).as(inside.output()).isZero();

        DicomFixtures.Result outside = echoscu(site1, S1_AE, HUB_OUTSIDE);
        assertThat(outside.exit()).as(outside.output()).isNotZero();
        assertThat(outside.output()).contains("Association Rejected");
        String resource = "DICOM association " + S1_AE + " -> " + DicomFixtures.HUB_AE;
        assertThat(audited(resource, SITE1_WAN)).singleElement().asString().startsWith("DENIED")
                .contains("outside the VPN site prefixes of facility " + facility1);
        assertThat(audited(resource, SITE1_LAN)).anySatisfy(row -> assertThat(row).startsWith("SUCCESS"));
    }

    @Test
    @Order(5)
    void movescuInTheSiteRetrievesAConsentedStudyToItsRegisteredStorescpThroughTheTunnel() throws Exception {
        // site 2's clinic stores a study through its tunnel; its patient is linked at site 1's hospital
        String study = HubUids.random();
        Path instance = DicomFixtures.uncompressed(work, study, "VPN-IT-C");
        DicomFixtures.Result stored = DicomFixtures.run("ip", "netns", "exec", site2, "storescu", "-aet", S2_AE,
                "-aec", DicomFixtures.HUB_AE, HUB_SERVICE, Integer.toString(dicom.port()), instance.toString());
        assertThat(stored.exit()).as(stored.output()).isZero();
        HubPrincipal clinicClerk = clerk(facility2);
        String eventNumber = patients.enrol(facility2, "VPN-IT-C", clinicClerk).eventNumber().formatted();
        patients.link(facility1, "VPN-IT-H", eventNumber, IdentityVerification.CARD, "referral", clerk(facility1));

        DicomFixtures.Result unconsented = movescu(S1_STORE, study);
        assertThat(finalStatus(unconsented)).isEqualTo("0x0124");
        assertThat(arrived()).isEmpty();

        DicomFixtures.Result unregistered = movescu("VPNIT_NOWHERE", study);
        assertThat(finalStatus(unregistered)).isEqualTo("0xa801");

        consents.record(eventNumber, ConsentCategory.IMAGING, new ConsentTerms(FacilityScope.only(Set.of(facility1)),
                FacilityScope.everyFacility(), new ValidityPeriod(Instant.now().minus(1, ChronoUnit.HOURS), null),
                ObtainedVia.ELECTRONIC), null, clinicClerk);
        DicomFixtures.Result consented = movescu(S1_STORE, study);
        assertThat(finalStatus(consented)).as(consented.output()).isEqualTo("0x0000");
        assertThat(consented.output()).containsPattern("Completed Suboperations\\s*: 1");
        List<Path> arrived = arrived();
        assertThat(arrived).hasSize(1);
        assertThat(DicomFixtures.dataSetDump(arrived.get(0))).contains(study)
                .contains("(0010,0020) LO [" + eventNumber + "]");
        // the hub reached the registered node on site 1's LAN address, i.e. through the tunnel
        assertThat(Files.readString(work.resolve("storescp.log"))).doesNotContain("Association Rejected");
        assertThat(jdbc.sql("SELECT detail FROM hub.audit_event WHERE resource LIKE :r ORDER BY seq")
                .param("r", "DICOM C-MOVE studies [" + study + "] to " + S1_STORE + "%").query(String.class).list())
                .anySatisfy(detail -> assertThat(detail).startsWith("sent 1 of 1"));
        try (InputStream in = Files.newInputStream(arrived.get(0))) {
            assertThat(DicomFile.readHeader(in).mediaStorageSopInstanceUid()).isNotBlank();
        }
    }

    @Test
    @Order(6)
    void overlappingPrefixesAreRefusedAtRegistration() {
        String facility3 = DicomFixtures.activeClinic(registry, "0719900037", "重複医院", "VPNIT_S3_PACS").id();
        assertThatThrownBy(() -> sites.save(facility3, new SiteRequest(RouterKind.STRONGSWAN, null,
                List.of("10.252.1.128/25"), new SiteContact("鈴木", "024-000-1003", "s3@example.jp")), "vpn-it"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("(施設 " + facility1 + ") の 10.252.1.0/24");
                });
        assertThat(sites.find(facility3)).isEmpty();
    }

    @Test
    @Order(7)
    void aCertificateFromAForeignCaIsRefused() throws Exception {
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
        assertThat(echoscu(site2, S2_AE, HUB_SERVICE).exit()).as("site 2 itself is untouched").isZero();
    }

    @Test
    @Order(8)
    void aRevokedSitesTunnelIsRefusedAtItsNextIkeAuth() throws Exception {
        revocation.revoke(facility1, RevocationReason.KEY_COMPROMISE, "vpn-it");
        // the hub itself (renkei.vpn.load) unloaded the connection and ended its SAs
        List<IkeSa> sas = ListSasParser.parse(hubCharon.swanctl(null, "--list-sas").output());
        assertThat(Charon.established(sas, "site-" + facility1)).isEmpty();
        assertThat(hubCharon.swanctl(null, "--list-conns").output()).doesNotContain("site-" + facility1 + ":")
                .contains("site-" + facility2 + ":");
        site1Charon.swanctl(null, "--terminate", "--ike", SwanctlGenerator.SITE_CONNECTION, "--timeout", "10");
        Shell.Result again = site1Charon.swanctl(site1Dir, "--initiate", "--child", SwanctlGenerator.SITE_CONNECTION,
                "--timeout", "15");
        assertThat(again.exitCode()).as(again.output()).isNotZero();
        assertThat(again.output()).contains("AUTHENTICATION_FAILED");
        assertThat(echoscu(site1, S1_AE, HUB_SERVICE).exit()).as("nothing reaches the hub any more").isNotZero();
        assertThat(echoscu(site2, S2_AE, HUB_SERVICE).exit()).as("site 2 keeps working").isZero();
    }

    private <T extends AutoCloseable> T started(T process) {
        running.add(process);
        return process;
    }

    /** The site's swanctl directory as the hub's archive delivers it, plus the router's certificate and key. */
    private Path siteDirectory(Path dir, Site site, String certificatePem, KeyPair key) throws Exception {
        return SiteRouterFiles.write(dir, archive(site), certificatePem, key);
    }

    /** What the site's administrator downloads (GET /api/vpn/sites/{id}/configuration), as entries. */
    private Map<String, String> archive(Site site) {
        String hub = hubPrefixes.prefixes().stream().map(IpPrefix::toString).collect(Collectors.joining(", "));
        return SiteConfigArchive.entries(site, generator, ca.certificatePem(), properties.hubAddress(),
                properties.hubIdentity(), hub);
    }

    /** A gateway device of the facility with a certificate from the hub CA, as its key and certificate files. */
    private record Gateway(Path key, Path certificate) {
    }

    private Gateway gateway(String facilityId, String name) throws Exception {
        KeyPair keys = ec("secp256r1");
        String certificate = devices.issue(facilityId, name, DeviceKind.GATEWAY, csr(keys), "vpn-it").certificatePem();
        Path key = work.resolve(name + ".key");
        Path crt = work.resolve(name + ".crt");
        Files.writeString(key, pem(keys.getPrivate()));
        Files.writeString(crt, certificate);
        return new Gateway(key, crt);
    }

    /** curl in the site's namespace from its LAN address; the output ends with the HTTP status on a line. */
    private Shell.Result curl(String namespace, String source, String host, Gateway gateway, String path) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "curl", "-sS",
                "--max-time", "20", "--interface", source, "--cacert", Path.of(HOME, "pki/ca.crt").toString(),
                "-w", "\n%{http_code}"));
        if (gateway != null) {
            command.addAll(List.of("--cert", gateway.certificate().toString(), "--key", gateway.key().toString()));
        }
        command.add("https://" + host + ":" + httpsPort + path);
        Shell.Result result = Shell.run(command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result;
    }

    private String mllp(String namespace, String source, String target, Gateway gateway, Path message) {
        Shell.Result result = Shell.run(List.of("ip", "netns", "exec", namespace,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SiteMllpClient.class.getName(), source, target,
                Integer.toString(mllp.port()), HOME, gateway.key().toString(),
                gateway.certificate().toString(), message.toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    private DicomFixtures.Result echoscu(String namespace, String callingAe, String target) throws Exception {
        return DicomFixtures.run("ip", "netns", "exec", namespace, "echoscu", "-to", "10", "-aet", callingAe,
                "-aec", DicomFixtures.HUB_AE, target, Integer.toString(dicom.port()));
    }

    /** movescu as site 1's PACS, in site 1's namespace, to the hub's service address (through the tunnel). */
    private DicomFixtures.Result movescu(String destination, String study) throws Exception {
        return DicomFixtures.run("ip", "netns", "exec", site1, "movescu", "-d", "-S", "-to", "20", "-aet", S1_AE,
                "-aec", DicomFixtures.HUB_AE, "-aem", destination, "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=" + study, HUB_SERVICE, Integer.toString(dicom.port()));
    }

    private static String finalStatus(DicomFixtures.Result result) {
        Matcher m = FINAL_MOVE.matcher(result.output());
        assertThat(m.find()).as(result.output()).isTrue();
        return m.group(1);
    }

    private List<Path> arrived() throws IOException {
        try (Stream<Path> files = Files.list(received)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Audit entries ("OUTCOME detail") for resources like {@code resource} from {@code source}. */
    private List<String> audited(String resource, String source) {
        return jdbc.sql("SELECT outcome || ' ' || detail FROM hub.audit_event WHERE resource LIKE :r"
                        + " AND source_ip = :s ORDER BY seq")
                .param("r", resource).param("s", source).query(String.class).list();
    }

    private static HubPrincipal clerk(String facilityId) {
        return new HubPrincipal(HubPrincipal.Kind.PERSON, "vpn-it-" + facilityId, "VPN IT", facilityId,
                Set.of(HubRole.CLERK));
    }
}
