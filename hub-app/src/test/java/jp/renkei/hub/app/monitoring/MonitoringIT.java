package jp.renkei.hub.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.security.auth.x500.X500Principal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.DemoDataLoader;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.dicom.DicomFixtures;
import jp.renkei.hub.app.dicom.RawStoreScu;
import jp.renkei.hub.app.support.DemoGateways;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPaths;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.person.Profession;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import jp.renkei.hub.core.pki.IssuedDeviceCertificate;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.dicom.encoding.DicomWriter;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.server.DicomBridgeConfig;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.mllp.MllpConfig;
import jp.renkei.hub.gateway.mllp.MllpFraming;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Monitoring of the running hub (docs/operations.md "Monitoring"): /actuator/prometheus after FHIR, REST, MLLP and
 * DICOM traffic shows the counters moved with their tags and no identifiers; only a hub administrator and the
 * operator's MONITORING certificate may scrape; every metric the Grafana dashboard uses is exposed; the health
 * endpoint names the subsystem that is down.
 */
@HubIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringIT {

    private static final String PROMETHEUS = "/actuator/prometheus";
    private static final Path DASHBOARD = Path.of("../docs/grafana/renkei-hub-dashboard.json");
    private static final Path LAB = Path.of(TestPaths.SHARED, "testdata/ssmix2/sampleData/999/901/9999013/20111220/"
            + "OML-11/9999013_20111220_OML-11_000000011000354_20111220103059000_01_1");
    private static final String PACS = DemoFacility.HOSPITAL.aeTitles().get(0);

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DeviceCertificates devices;
    @Autowired
    MllpConfig.MllpListener mllp;
    @Autowired
    DicomBridgeConfig.DicomListener dicom;

    FhirHttp admin;
    FhirHttp monitoring;
    FhirHttp clinicDoctor;
    FhirHttp anonymous;
    String operatorId;
    Path work;

    @BeforeAll
    void principals() throws Exception {
        operatorId = context.getBean(FacilityRegistry.class).list(null, FacilityKind.HUB_OPERATOR, null).get(0).id();
        anonymous = FhirHttp.forHub(port, HubIntegrationTest.HOME);
        admin = anonymous.withToken(TestPeople.loggedIn(context, operatorId, Profession.HUB_ADMIN, true));
        clinicDoctor = anonymous.withToken(TestPeople.loggedIn(context,
                TestPeople.demoFacilityId(context, DemoFacility.CLINIC), Profession.DOCTOR, false));
        work = Files.createTempDirectory(Path.of("target"), "monitoring-it");
        monitoring = device(operatorId, DeviceKind.MONITORING, "prometheus");
    }

    @Test
    void trafficOnEveryInterfaceMovesItsCountersWithBoundedTags() throws Exception {
        String hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        FhirHttp hospitalGateway = DemoGateways.hospital(port);
        String number = DemoGateways.eventNumberOf(hospitalGateway, DemoDataLoader.networkPatient(0));
        Scrape before = scrape(admin);

        FhirHttp.Response search = DemoGateways.clinic(port).get("/fhir/Observation?patient=" + number);
        FhirHttp.Response me = admin.get("/api/me", "application/json");
        String patient = "MON" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String lab = Iso2022Jp.decode(Files.readAllBytes(LAB)).replace("\u001c", "")
                .replace("|0001000052^", "|" + patient + "^");
        String stored = mllpPush(Iso2022Jp.encode(lab));
        String refused = mllpPush("hello, world".getBytes(StandardCharsets.US_ASCII));
        DicomFile.Parsed image = parse(DicomFixtures.uncompressed(work, HubUids.random(), "MON-1"));
        byte[] whole = DicomWriter.encode(image.dataSet(), true);
        String sopClass = image.meta().mediaStorageSopClassUid();
        String sop = image.meta().mediaStorageSopInstanceUid();
        int corruptStatus = RawStoreScu.store(dicom.port(), PACS, sopClass, sop, java.util.Arrays.copyOf(whole,
                whole.length - 10));
        int storeStatus = RawStoreScu.store(dicom.port(), PACS, sopClass, sop, whole);
        Scrape after = scrape(admin);

        assertThat(search.status()).as(search.body()).isEqualTo(200);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(stored).isEqualTo("AA");
        assertThat(refused).isEqualTo("AR");
        assertThat(corruptStatus).isNotZero();
        assertThat(storeStatus).isZero();
        String requests = "renkei_interface_requests_seconds_count";
        assertThat(after.delta(before, requests, Map.of("interface", "fhir", "operation", "GET", "outcome", "2xx")))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.delta(before, requests, Map.of("interface", "rest", "operation", "GET", "outcome", "2xx")))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.delta(before, requests, Map.of("interface", "mllp", "operation", "message", "outcome", "AA")))
                .isEqualTo(1);
        assertThat(after.delta(before, requests, Map.of("interface", "mllp", "operation", "message", "outcome", "AR")))
                .isEqualTo(1);
        assertThat(after.delta(before, requests, Map.of("interface", "dicom", "operation", "C-STORE", "outcome", "ok")))
                .isEqualTo(2);
        assertThat(after.value("renkei_interface_requests_seconds_bucket",
                Map.of("interface", "mllp", "outcome", "AA", "le", "+Inf"))).isGreaterThanOrEqualTo(1);
        String ingest = "renkei_ingest_inputs_total";
        assertThat(after.delta(before, ingest, Map.of("channel", "mllp", "outcome", "accepted"))).isEqualTo(1);
        assertThat(after.delta(before, ingest, Map.of("channel", "mllp", "outcome", "refused"))).isEqualTo(1);
        assertThat(after.delta(before, ingest, Map.of("channel", "dicom", "outcome", "accepted"))).isEqualTo(1);
        assertThat(after.delta(before, ingest, Map.of("channel", "dicom", "outcome", "refused"))).isEqualTo(1);
        assertThat(after.delta(before, ingest, Map.of("channel", "ss-mix2", "outcome", "quarantined"))).isZero();
        assertThat(after.delta(before, "renkei_consent_decisions_total",
                Map.of("effect", "permit", "basis", "consent", "category", "clinical"))).isGreaterThanOrEqualTo(1);
        assertThat(after.delta(before, "renkei_audit_append_seconds_count", Map.of())).isGreaterThanOrEqualTo(1);
        // the quarantine gauge counts what the refused message left there: it is read at most every 5 s, so a
        // scrape within 5 s of the one before the traffic may still show the earlier count
        Scrape fresh = after;
        for (long until = System.nanoTime() + 15_000_000_000L;
             fresh.value("renkei_ingest_quarantine_held", Map.of()) < 1 && System.nanoTime() < until; ) {
            Thread.sleep(500);
            fresh = scrape(admin);
        }
        assertThat(fresh.value("renkei_ingest_quarantine_held", Map.of())).isGreaterThanOrEqualTo(1);
        assertThat(after.value("renkei_audit_pending_rows", Map.of())).isGreaterThanOrEqualTo(0);
        assertThat(after.names()).contains("renkei_audit_pending_oldest_seconds", "renkei_vpn_tunnels",
                "renkei_vpn_status_readable", "jvm_memory_used_bytes", "hikaricp_connections_active",
                "process_cpu_usage", "http_server_requests_seconds_count");
        assertThat(after.value("renkei_vpn_tunnels", Map.of("state", "established"))).isGreaterThanOrEqualTo(0);
        // no identifiers in any series: not the event number, the facilities, the patient or the instance
        assertThat(after.text()).doesNotContain(number, hospitalId, clinicId, operatorId, patient, sop);

        List<String> missing = new ArrayList<>();
        for (String name : dashboardMetricNames()) {
            if (!after.names().contains(name)) {
                missing.add(name);
            }
        }
        assertThat(missing).as("metrics the Grafana dashboard queries but the hub does not expose").isEmpty();
    }

    @Test
    void onlyHubAdministratorsAndTheMonitoringCertificateMayScrape() throws Exception {
        FhirHttp.Response byAdmin = admin.get(PROMETHEUS, "text/plain");
        FhirHttp.Response byMonitoring = monitoring.get(PROMETHEUS, "text/plain");

        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
        assertThat(byAdmin.contentType()).startsWith("text/plain");
        assertThat(byMonitoring.status()).as(byMonitoring.body()).isEqualTo(200);
        assertThat(byMonitoring.body()).contains("renkei_interface_requests_seconds_count{");

        FhirHttp clinicGateway = DemoGateways.clinic(port);
        for (FhirHttp refused : List.of(clinicDoctor, clinicGateway, anonymous)) {
            FhirHttp.Response metrics = refused.get(PROMETHEUS, "text/plain");
            FhirHttp.Response otherForbidden = refused.get("/actuator/env", "text/plain");
            assertThat(metrics.status()).as(metrics.body()).isIn(401, 403);
            assertThat(metrics.body()).doesNotContain("renkei_");
            // the same refusal as any other forbidden path: status, type and problem; only the path and the
            // roles the rule names differ
            assertThat(List.of(metrics.status(), metrics.contentType())).as(metrics.body())
                    .isEqualTo(List.of(otherForbidden.status(), otherForbidden.contentType()));
            assertThat(refusal(metrics.body())).isEqualTo(refusal(otherForbidden.body()
                    .replace("/actuator/env", PROMETHEUS)));
        }
        // the monitoring certificate opens nothing else
        for (String path : List.of("/actuator/env", "/api/me", "/api/facilities", "/api/directory/facilities",
                "/fhir/Patient", "/api/admin/audit")) {
            FhirHttp.Response response = monitoring.get(path, "application/json");
            assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(403);
        }
        FhirHttp.Response health = monitoring.get("/actuator/health", "application/json");
        assertThat(new ObjectMapper().readTree(health.body()).at("/components/pki/details").isMissingNode())
                .as("health details are for hub administrators only").isTrue();
    }

    @Test
    void onlyTheHubOperatorRegistersAMonitoringSystem() {
        String clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);

        assertThatThrownBy(() -> device(clinicId, DeviceKind.MONITORING, "clinic-scraper"))
                .isInstanceOf(ApiException.class).hasMessageContaining("MONITORING");
    }

    @Test
    void healthNamesTheSubsystemThatIsDown() throws Exception {
        List<String> subsystems = List.of("db", "dicomStore", "dicomListener", "mllpListener", "ss2Poller",
                "auditChain", "pki", "fhirPackages");
        JsonNode healthy = health(anonymous, 200);
        for (String subsystem : subsystems) {
            assertThat(healthy.at("/components/" + subsystem + "/status").asText()).as(subsystem).isEqualTo("UP");
            assertThat(healthy.at("/components/" + subsystem + "/details").isMissingNode()).as(subsystem).isTrue();
        }
        JsonNode detailed = health(admin, 200);
        assertThat(detailed.at("/components/pki/details/caNotAfter").asText()).isNotBlank();
        assertThat(detailed.at("/components/auditChain/details/pendingRows").isNumber()).isTrue();
        assertThat(detailed.at("/components/dicomStore/details/writable").asBoolean()).isTrue();
        assertThat(detailed.at("/components/fhirPackages/details/store").asText()).isIn("under way", "done");

        mllp.stop();
        try {
            JsonNode down = health(anonymous, 503);
            assertThat(down.at("/status").asText()).isEqualTo("DOWN");
            assertThat(down.at("/components/mllpListener/status").asText()).isEqualTo("DOWN");
            assertThat(down.at("/components/dicomListener/status").asText()).isEqualTo("UP");
            assertThat(health(admin, 503).at("/components/mllpListener/details/reasonJa").asText())
                    .contains("MLLPリスナーが停止しています");
        } finally {
            mllp.start();
        }
        assertThat(health(anonymous, 200).at("/components/mllpListener/status").asText()).isEqualTo("UP");

        // the object store's staging directory replaced by a file: nothing can be staged
        Path staging = HubIntegrationTest.HOME.resolve("dicom/staging");
        Path aside = HubIntegrationTest.HOME.resolve("dicom/staging-aside");
        Files.move(staging, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.writeString(staging, "not a directory");
            // a writable verdict is reused for 5 s (one probe file per period however often anyone asks)
            Thread.sleep(5_500);
            JsonNode down = health(admin, 503);
            assertThat(down.at("/components/dicomStore/status").asText()).isEqualTo("DOWN");
            assertThat(down.at("/components/dicomStore/details/reasonJa").asText())
                    .contains("DICOMオブジェクトストアに書き込めません");
            assertThat(down.at("/components/db/status").asText()).isEqualTo("UP");
        } finally {
            Files.deleteIfExists(staging);
            Files.move(aside, staging, StandardCopyOption.ATOMIC_MOVE);
        }
        assertThat(health(anonymous, 200).at("/status").asText()).isEqualTo("UP");
    }

    /**
     * A problem+json refusal as JSON (the order of its members aside), without the list of roles the rule names
     * (a set: its order varies).
     */
    private static JsonNode refusal(String body) throws IOException {
        return new ObjectMapper().readTree(body.replaceAll("roles \\[[^\\]]*\\]", "roles […]"));
    }

        private JsonNode health(FhirHttp as, int expectedStatus) throws IOException {
        FhirHttp.Response response = as.get("/actuator/health", "application/json");
        assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
        return new ObjectMapper().readTree(response.body());
    }

    private static Scrape scrape(FhirHttp as) {
        FhirHttp.Response response = as.get(PROMETHEUS, "text/plain");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Scrape.parse(response.body());
    }

    /** Every metric name the dashboard's PromQL expressions select. */
    private static List<String> dashboardMetricNames() throws IOException {
        List<String> names = new ArrayList<>();
        new ObjectMapper().readTree(DASHBOARD.toFile()).findValues("expr").forEach(expr ->
                PromQl.metricNames(expr.asText()).stream().filter(name -> !names.contains(name)).forEach(names::add));
        assertThat(names).as("the dashboard's metric names").hasSizeGreaterThan(10);
        return names;
    }

    /** One MLLP exchange as the demo hospital's gateway; returns the acknowledgement code (MSA-1). */
    private String mllpPush(byte[] message) throws Exception {
        SSLContext gateway = FhirHttp.deviceContext(HubIntegrationTest.HOME,
                HubIntegrationTest.HOME.resolve("demo/hospital-gateway.key"),
                HubIntegrationTest.HOME.resolve("demo/hospital-gateway.crt"));
        try (SSLSocket socket = (SSLSocket) gateway.getSocketFactory().createSocket("localhost", mllp.port())) {
            socket.setSoTimeout(30_000);
            MllpFraming.write(socket.getOutputStream(), message);
            byte[] reply = MllpFraming.read(socket.getInputStream(), 1 << 20).orElseThrow();
            String text = new String(reply, StandardCharsets.US_ASCII).contains("ISO IR87") ? Iso2022Jp.decode(reply)
                    : new String(reply, StandardCharsets.UTF_8);
            java.util.regex.Matcher msa = java.util.regex.Pattern.compile("MSA\\|(A[AER])\\b").matcher(text);
            assertThat(msa.find()).as(text).isTrue();
            return msa.group(1);
        }
    }

    /** A system of {@code kind} registered for the facility, with its own key and certificate. */
    private FhirHttp device(String facilityId, DeviceKind kind, String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        String csr = pem(new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=" + name), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        IssuedDeviceCertificate issued = devices.issue(facilityId, name + "-" + System.nanoTime(), kind, csr,
                "MonitoringIT");
        Path key = work.resolve(name + ".key");
        Path certificate = work.resolve(name + ".crt");
        Files.writeString(key, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        Files.writeString(certificate, issued.certificatePem());
        return FhirHttp.forDevice(port, HubIntegrationTest.HOME, key, certificate);
    }

    private static DicomFile.Parsed parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DicomFile.read(in, Long.MAX_VALUE);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
