package jp.renkei.hub.ops.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.demo.SyntheticPatientGenerator;
import jp.renkei.hub.bench.FhirLoadClient;
import jp.renkei.hub.bench.GateLoad;
import jp.renkei.hub.bench.HubBenchmark;
import jp.renkei.hub.bench.HubProcess;
import jp.renkei.hub.bench.SyntheticBundles;
import jp.renkei.hub.bench.TlsCredentials;
import jp.renkei.hub.core.audit.AuditVerification;
import jp.renkei.hub.core.audit.AuditVerifier;
import jp.renkei.hub.core.ids.HubKeyedIds;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Two packaged hubs on one PostgreSQL, sharing one DICOM object store directory, behind Debian's HAProxy (TCP mode:
 * the client certificates reach the hubs), as docs/operations.md "Scaling out" describes. One start of everything
 * serves every step, in order: a person's session works on both nodes; a consent withdrawn through one node closes
 * the very next read through the other (both ways); the care-net mail job runs once per interval for the cluster,
 * not once per node; then FHIR writes through HAProxy from several threads while node B is killed with SIGKILL,
 * and every write that was acknowledged is there, whole, read through node A, the unacknowledged ones whole or
 * absent, the audit trail one verified chain, and the consent gate as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {

    // About 40 s each on a quiet machine; generous, because a CI machine shared with other builds can be far slower.
    private static final Duration START_LIMIT = Duration.ofMinutes(10);
    private static final Duration MAIL_INTERVAL = Duration.ofSeconds(2);
    private static final String HOSPITAL_SYSTEM = JpCoreSystems.facilityPatientIdSystem(DemoFacility.HOSPITAL.code());
    private static final int WRITERS = 4;
    /** Acknowledged writes before the kill, and after it; the writers stop once both are reached. */
    private static final int BEFORE_KILL = 40;
    private static final int AFTER_KILL = 40;
    /**
     * More patients than the drill can need: the load must still be running when the mail window ends, however
     * fast the nodes write (a fixed 160 once ran out before the window on a fast run, and nothing was left to write
     * after the kill).
     */
    private static final int BUNDLES_AT_MOST = 1500;
    /** Long enough to tell "once per interval" (at most 1 + window / 1.8 s) from "once per node" (about twice that). */
    private static final Duration MAIL_WINDOW = Duration.ofSeconds(14);

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final List<HubProcess> nodes = new ArrayList<>();
    private Path workDirectory;
    private EmbeddedPostgres postgres;
    private DataSource database;
    private HubProcess nodeA;
    private HubProcess nodeB;
    private Haproxy haproxy;
    private Path ca;
    private String clerkToken;
    private List<String> consentedNumbers;
    private String withdrawnThroughA;
    private String withdrawnThroughB;
    private long mailRunsBefore;
    private long mailMeasuredFrom;

    @BeforeAll
    void clusterOfTwo() throws Exception {
        workDirectory = Files.createTempDirectory("renkei-cluster-");
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE renkei ENCODING 'UTF8' TEMPLATE template0");
        }
        database = postgres.getDatabase("postgres", "renkei");
        Path dicomStore = Files.createDirectories(workDirectory.resolve("shared-dicom"));
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path jar = HubBenchmark.findExecJar(repo);
        List<String> jvmOptions = HubBenchmark.readJvmOptions(repo.resolve("config/jvm.options"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        byte[] identifierKey = new byte[32];
        new Random().nextBytes(identifierKey);

        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("RENKEI_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/renkei");
        shared.put("RENKEI_DB_USER", "postgres");
        shared.put("RENKEI_DICOM_STORAGEROOT", dicomStore.toString());
        shared.put("RENKEI_DICOM_PORT", "0");
        shared.put("RENKEI_IDS_KEY", Base64.getEncoder().encodeToString(identifierKey));
        shared.put("RENKEI_CARENET_MAIL_ENABLED", "true");
        shared.put("RENKEI_CARENET_MAIL_INTERVAL", MAIL_INTERVAL.toSeconds() + "s");

        Map<String, String> environmentA = new LinkedHashMap<>(shared);
        environmentA.put("RENKEI_CLUSTER_NODENAME", "node-a");
        environmentA.put("RENKEI_DEMO_DATA", "true");
        environmentA.put("RENKEI_DEMO_NETWORK_PATIENTS", "4");
        nodeA = HubProcess.start(new HubProcess.Launch(java, jvmOptions, jar, environmentA),
                Files.createDirectories(workDirectory.resolve("home-a")), false);
        nodes.add(nodeA);
        ca = nodeA.home().resolve("pki/ca.crt");
        nodeA.awaitFirstMetadata(() -> plain(nodeA.port()), START_LIMIT);
        nodeA.awaitReadiness(plain(nodeA.port()), START_LIMIT);

        // Node B: the same CA and server certificate, the same second-read key (docs: what the nodes share);
        // the demo was loaded by node A into the shared database.
        Path homeB = Files.createDirectories(workDirectory.resolve("home-b"));
        copyTree(nodeA.home().resolve("pki"), homeB.resolve("pki"));
        copyTree(nodeA.home().resolve("second-read"), homeB.resolve("second-read"));
        Map<String, String> environmentB = new LinkedHashMap<>(shared);
        environmentB.put("RENKEI_CLUSTER_NODENAME", "node-b");
        environmentB.put("RENKEI_DEMO_DATA", "false");
        nodeB = HubProcess.start(new HubProcess.Launch(java, jvmOptions, jar, environmentB), homeB, false);
        nodes.add(nodeB);
        nodeB.awaitFirstMetadata(() -> plain(nodeB.port()), START_LIMIT);
        nodeB.awaitReadiness(plain(nodeB.port()), START_LIMIT);

        haproxy = Haproxy.start(workDirectory, List.of(nodeA.port(), nodeB.port()));
        awaitBothNodesServedThroughHaproxy();
        mailRunsBefore = mailRuns(JdbcClient.create(database));
        mailMeasuredFrom = System.nanoTime();
        System.out.printf("cluster: PostgreSQL on %d, node A pid %d port %d, node B pid %d port %d, HAProxy on %d%n",
                postgres.getPort(), nodeA.pid(), nodeA.port(), nodeB.pid(), nodeB.port(), haproxy.port());
    }

    @AfterAll
    void tearDown() throws IOException {
        if (haproxy != null) {
            haproxy.close();
        }
        for (HubProcess node : nodes) {
            node.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (workDirectory != null) {
            try (Stream<Path> paths = Files.walk(workDirectory)) {
                paths.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void aPersonsSessionStartedOnOneNodeWorksOnTheOther() throws Exception {
        clerkToken = PersonLogin.activateAndLogIn(plain(nodeA.port()), nodeA.home(), "demo-hospital-clerk");

        assertThat(plain(nodeB.port()).withBearer(clerkToken).getPath("/api/me", Duration.ofSeconds(30)).status())
                .as("the session is in the shared database, not in node A's memory").isEqualTo(200);
        assertThat(plain(nodeB.port()).withBearer("not-" + clerkToken).getPath("/api/me", Duration.ofSeconds(30))
                .status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void aConsentWithdrawnThroughOneNodeClosesTheNextReadThroughTheOther() throws Exception {
        consentedNumbers = new GateLoad(hospital(nodeA.port()), clinic(nodeA.port()), fhir, new Random(1))
                .consentedEventNumbers(4);
        assertThat(consentedNumbers).as("demo network patients 0, 1 and 2 consented").hasSize(3);
        withdrawnThroughA = consentedNumbers.get(0);
        withdrawnThroughB = consentedNumbers.get(1);
        FhirLoadClient clinicOnA = clinic(nodeA.port());
        FhirLoadClient clinicOnB = clinic(nodeB.port());
        for (String number : List.of(withdrawnThroughA, withdrawnThroughB)) {
            assertThat(observationsSeen(clinicOnA, number)).as("consented: node A shows " + number).isPositive();
            assertThat(observationsSeen(clinicOnB, number)).as("consented: node B shows " + number).isPositive();
        }

        withdrawClinicalConsent(nodeA, withdrawnThroughA);
        assertThat(observationsSeen(clinicOnB, withdrawnThroughA)).as("next read through node B").isZero();
        assertThat(observationsSeen(clinicOnA, withdrawnThroughA)).isZero();

        withdrawClinicalConsent(nodeB, withdrawnThroughB);
        assertThat(observationsSeen(clinicOnA, withdrawnThroughB)).as("next read through node A").isZero();
        assertThat(observationsSeen(clinicOnB, withdrawnThroughB)).isZero();

        assertThat(observationsSeen(clinicOnB, consentedNumbers.get(2))).as("the others' consent still opens")
                .isPositive();
    }

    @Test
    @Order(3)
    void scheduledWorkRunsOncePerIntervalForTheClusterAndWritesSurviveANodeKilledMidLoad() throws Exception {
        JdbcClient jdbc = JdbcClient.create(database);

        SyntheticBundles data = new SyntheticBundles(new SyntheticPatientGenerator(7, LocalDate.now(),
                HubKeyedIds.withRandomKey()), fhir);
        List<SyntheticBundles.PreparedBundle> bundles = data.patients("CL", BUNDLES_AT_MOST);
        Map<String, Integer> outcome = new ConcurrentHashMap<>(); // local ID -> HTTP status, or -1 for no answer
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger acknowledgedAfterKill = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger next = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            work.add(writers.submit(() -> {
                // one client (one keep-alive connection) per writer: HAProxy spreads connections over the nodes
                FhirLoadClient client = hospital(haproxy.port());
                for (int i = next.getAndIncrement(); i < bundles.size()
                        && acknowledgedAfterKill.get() < AFTER_KILL; i = next.getAndIncrement()) {
                    SyntheticBundles.PreparedBundle bundle = bundles.get(i);
                    int status;
                    try {
                        status = client.postBundle(bundle.json()).status();
                    } catch (IOException e) {
                        status = -1; // the connection died with its node: not acknowledged
                        client = hospital(haproxy.port());
                    }
                    outcome.put(bundle.localId(), status);
                    if (status / 100 == 2) {
                        acknowledged.incrementAndGet();
                        if (killed.get()) {
                            acknowledgedAfterKill.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        while ((acknowledged.get() < BEFORE_KILL || System.nanoTime() - mailMeasuredFrom < MAIL_WINDOW.toNanos())
                && !allDone(work)) {
            Thread.sleep(50);
        }
        assertThat(allDone(work)).as("the load ran out before the kill (%d acknowledged)", acknowledged.get())
                .isFalse();
        long mailRunsAtKill = mailRuns(jdbc);
        Duration measured = Duration.ofNanos(System.nanoTime() - mailMeasuredFrom);
        ProcessHandle.of(nodeB.pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
        killed.set(true);
        System.out.printf("cluster: killed node B (SIGKILL) after %d acknowledged writes%n", acknowledged.get());
        writers.shutdown();
        assertThat(writers.awaitTermination(4, TimeUnit.MINUTES)).isTrue();
        for (Future<?> done : work) {
            done.get();
        }

        // The mail job: each node's schedule fires every interval; the cluster ran it about once per interval.
        long runs = mailRunsAtKill - mailRunsBefore;
        double seconds = measured.toMillis() / 1000.0;
        System.out.printf("cluster: care-net mail job ran %d times in %.1f s with two nodes (interval %d s)%n", runs,
                seconds, MAIL_INTERVAL.toSeconds());
        assertThat(seconds).as("long enough to tell once from twice").isGreaterThanOrEqualTo(MAIL_WINDOW.toSeconds());
        assertThat((double) runs).isLessThanOrEqualTo(seconds / (0.9 * MAIL_INTERVAL.toSeconds()) + 1)
                .isGreaterThanOrEqualTo(Math.floor(seconds / (2.0 * MAIL_INTERVAL.toSeconds())));

        long refused = outcome.values().stream().filter(s -> s != -1 && s / 100 != 2).count();
        long unanswered = outcome.values().stream().filter(s -> s == -1).count();
        System.out.printf("cluster: %d writes acknowledged (%d after the kill), %d unanswered, %d refused%n",
                acknowledged.get(), acknowledgedAfterKill.get(), unanswered, refused);
        assertThat(refused).as("no write refused; HAProxy log:\n" + haproxy.logText()).isZero();
        assertThat(acknowledgedAfterKill.get()).as("writes go on through the surviving node (%d unanswered); HAProxy log:%n%s",
                unanswered, haproxy.logText()).isGreaterThanOrEqualTo(AFTER_KILL);

        FhirLoadClient survivor = hospital(nodeA.port());
        List<String> problems = new ArrayList<>();
        List<SyntheticBundles.PreparedBundle> sent = bundles.stream().filter(b -> outcome.containsKey(b.localId()))
                .toList();
        for (SyntheticBundles.PreparedBundle bundle : sent) {
            int status = outcome.get(bundle.localId());
            List<String> patients = patientIds(survivor, bundle.localId());
            int observations = patients.size() == 1 ? observationsSeen(survivor, patients.get(0)) : 0;
            boolean whole = patients.size() == 1 && observations == bundle.observations();
            boolean absent = patients.isEmpty();
            if (status / 100 == 2 ? !whole : !(whole || absent)) {
                problems.add(bundle.localId() + " (HTTP " + status + "): " + patients.size() + " patients, "
                        + observations + " observations");
            }
        }
        assertThat(problems).as("acknowledged = present and whole; unanswered = whole or absent").isEmpty();

        AuditVerification chain = awaitChainedAudit();
        assertThat(chain.ok()).as(chain.violations().toString()).isTrue();
        assertThat(chain.rowsChecked()).isGreaterThan(sent.size());
    }

    @Test
    @Order(4)
    void theConsentGateHoldsThroughTheLoadBalancerAfterTheKill() throws Exception {
        FhirLoadClient clinic = clinic(haproxy.port());
        assertThat(observationsSeen(clinic, withdrawnThroughA)).isZero();
        assertThat(observationsSeen(clinic, withdrawnThroughB)).isZero();
        assertThat(observationsSeen(clinic, consentedNumbers.get(2))).isPositive();
        assertThat(plain(haproxy.port()).withBearer(clerkToken).getPath("/api/me", Duration.ofSeconds(30)).status())
                .as("the clerk's session outlives node B").isEqualTo(200);
    }

    private void withdrawClinicalConsent(HubProcess node, String eventNumber) throws Exception {
        FhirLoadClient clerk = plain(node.port()).withBearer(clerkToken);
        FhirLoadClient.TimedResponse list = clerk.getPath("/api/consents?eventNumber="
                + URLEncoder.encode(eventNumber, StandardCharsets.UTF_8), Duration.ofSeconds(30));
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        String id = null;
        for (JsonNode consent : PersonLogin.parse(list)) {
            if ("CLINICAL".equals(consent.get("category").asText()) && "ACTIVE".equals(consent.get("status").asText())) {
                id = consent.get("id").asText();
            }
        }
        assertThat(id).as("an active clinical consent of " + eventNumber).isNotNull();
        FhirLoadClient.TimedResponse withdrawn = clerk.postJson("/api/consents/" + id + "/withdraw",
                PersonLogin.json("reason", "cluster drill: the patient withdrew"));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
    }

    /** How many Observations the client's facility is shown for the patient (an event number or a Patient ID). */
    private int observationsSeen(FhirLoadClient client, String patient) throws Exception {
        FhirLoadClient.TimedResponse response = client.get("Observation?patient="
                + URLEncoder.encode(patient, StandardCharsets.UTF_8) + "&_count=200", Duration.ofSeconds(60));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, response.body());
        return (int) bundle.getEntry().stream()
                .filter(e -> e.getResource() != null && "Observation".equals(e.getResource().fhirType())).count();
    }

    private List<String> patientIds(FhirLoadClient client, String localId) throws Exception {
        FhirLoadClient.TimedResponse response = client.get("Patient?identifier="
                + URLEncoder.encode(HOSPITAL_SYSTEM + "|" + localId, StandardCharsets.UTF_8), Duration.ofSeconds(60));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return fhir.newJsonParser().parseResource(Bundle.class, response.body()).getEntry().stream()
                .filter(e -> e.getResource() != null && "Patient".equals(e.getResource().fhirType()))
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    private static long mailRuns(JdbcClient jdbc) {
        return jdbc.sql("SELECT coalesce(max(runs), 0) FROM hub.cluster_job WHERE name = 'care-net-mail'")
                .query(Long.class).single();
    }

    /** The audit trail as both nodes left it, once node A has chained what node B left pending. */
    private AuditVerification awaitChainedAudit() throws InterruptedException {
        AuditVerifier verifier = new AuditVerifier(database, new DataSourceTransactionManager(database));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        AuditVerification verification = verifier.verify();
        while (verification.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            verification = verifier.verify();
        }
        assertThat(verification.pending()).as("pending audit rows chained by the surviving node").isZero();
        return verification;
    }

    /** Both nodes take connections through HAProxy (its checks have seen both ready). */
    private void awaitBothNodesServedThroughHaproxy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            int ok = 0;
            for (int i = 0; i < 4; i++) { // a new client each time: a new connection, the other node in turn
                if (plain(haproxy.port()).get("metadata", Duration.ofSeconds(30)).status() == 200) {
                    ok++;
                }
            }
            if (ok == 4) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("HAProxy does not serve: " + haproxy.logText());
    }

    private static boolean allDone(List<Future<?>> work) {
        return work.stream().allMatch(Future::isDone);
    }

    private FhirLoadClient plain(int port) {
        return FhirLoadClient.forHub(port, ca == null ? nodeA.home().resolve("pki/ca.crt") : ca, Optional.empty());
    }

    private FhirLoadClient hospital(int port) {
        return FhirLoadClient.forHub(port, ca, Optional.of(new TlsCredentials(
                nodeA.home().resolve("demo/hospital-gateway.key"), nodeA.home().resolve("demo/hospital-gateway.crt"))));
    }

    private FhirLoadClient clinic(int port) {
        return FhirLoadClient.forHub(port, ca, Optional.of(new TlsCredentials(
                nodeA.home().resolve("demo/clinic-gateway.key"), nodeA.home().resolve("demo/clinic-gateway.crt"))));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
