package jp.renkei.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.renkei.hub.app.demo.SyntheticPatientGenerator;
import jp.renkei.hub.bench.FhirLoadClient;
import jp.renkei.hub.bench.HubProcess;
import jp.renkei.hub.bench.SyntheticBundles;
import jp.renkei.hub.bench.TlsCredentials;
import jp.renkei.hub.core.audit.AuditVerification;
import jp.renkei.hub.core.audit.AuditVerifier;
import jp.renkei.hub.core.ids.HubKeyedIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The backup drill of docs/operations.md with the packaged hub: data written through the FHIR API (the demo
 * hospital gateway's client certificate) and a DICOM instance through C-STORE (DCMTK's storescu), a backup taken
 * with {@code ./hub backup} while the hub runs, the hub stopped, {@code ./hub restore} into a new home, the
 * restored hub started, and the same resources, audit chain and DICOM instance (C-GET, DCMTK's getscu) found there.
 * Then what a restore must refuse: a damaged file, a backup without manifest, a home that is not empty.
 */
class BackupRestoreDrillTest {

    // A liveness limit, not a measurement: a start takes about 40 s on a quiet machine, minutes on a loaded one.
    private static final Duration START_LIMIT = Duration.ofMinutes(10);
    private static final String HOSPITAL_AE = "FKS_CHUO_PACS";

    private final Path repo = Path.of("").toAbsolutePath().getParent();
    private final List<HubProcess> hubs = new ArrayList<>();
    private final Map<HubProcess, Integer> dicomPorts = new java.util.HashMap<>();
    private Path work;

    @AfterEach
    void cleanUp() throws IOException {
        hubs.forEach(HubProcess::close);
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aBackupOfTheRunningHubRestoresIntoANewHomeWithTheSameResourcesAuditTrailAndImages() throws Exception {
        work = Files.createTempDirectory("renkei-backup-drill-");
        Path backup = work.resolve("backup");
        Path dicomFile = dicomInstance(work, "R000001");

        // ---- the original hub: data in, a backup while it runs, then stopped ----
        HubProcess original = start(Files.createDirectory(work.resolve("original")));
        FhirLoadClient gateway = gateway(original);
        for (SyntheticBundles.PreparedBundle bundle : new SyntheticBundles(new SyntheticPatientGenerator(26, LocalDate.now(),
                HubKeyedIds.withRandomKey()), FhirContext.forR4Cached()).patients("R", 3)) {
            FhirLoadClient.TimedResponse response = gateway.postBundle(bundle.json());
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        int dicomPort = dicomPort(original);
        Result stored = run(List.of("storescu", "-aet", HOSPITAL_AE, "-aec", "RENKEIHUB", "127.0.0.1",
                Integer.toString(dicomPort), dicomFile.toString()), Map.of());
        assertThat(stored.exit()).as(stored.output()).isZero();
        awaitImagingStudy(original);
        byte[] retrievedBefore = cGet(dicomPort, work.resolve("get-before"));
        Map<String, Long> countsBefore = withDatabase(original, BackupRestoreDrillTest::resourceCounts);

        long backupStarted = System.nanoTime();
        Result backedUp = hubCommand(original.home(), "backup", backup.toString());
        double backupSeconds = (System.nanoTime() - backupStarted) / 1e9;
        assertThat(backedUp.exit()).as(backedUp.output()).isZero();
        assertThat(backedUp.output()).contains("(online)");
        JsonNode manifest = new ObjectMapper().readTree(backup.resolve("manifest.json").toFile());
        long checkpointSeq = manifest.at("/auditCheckpoint/seq").asLong();
        String checkpointHash = manifest.at("/auditCheckpoint/hash").asText();
        String originalHash = withDatabase(original, c -> auditHash(c, checkpointSeq));
        assertThat(originalHash).isEqualTo(checkpointHash);
        assertThat(withDatabase(original, BackupRestoreDrillTest::resourceCounts)).isEqualTo(countsBefore);
        assertThat(manifest.get("dicomInstances").asLong()).isEqualTo(1);
        HubProcess.StopReport stop = original.stop(Duration.ofSeconds(60));
        assertThat(stop.graceful()).isTrue();

        // ---- the restore into a new home, and the restored hub ----
        Path restoredHome = work.resolve("restored");
        long restoreStarted = System.nanoTime();
        Result restoredRun = hubCommand(restoredHome, "restore", backup.toString());
        double restoreSeconds = (System.nanoTime() - restoreStarted) / 1e9;
        assertThat(restoredRun.exit()).as(restoredRun.output()).isZero();
        assertThat(restoredRun.output()).contains("audit chain verified");
        assertThat(Files.isRegularFile(restoredHome.resolve("pki/ca.crt"))).isTrue();

        HubProcess restored = start(restoredHome);
        assertThat(withDatabase(restored, BackupRestoreDrillTest::resourceCounts)).isEqualTo(countsBefore);
        String restoredHash = withDatabase(restored, c -> auditHash(c, checkpointSeq));
        assertThat(restoredHash).isEqualTo(checkpointHash);
        AuditVerification verification = withDatabase(restored, BackupRestoreDrillTest::verifyAudit);
        assertThat(verification.ok()).as(verification.violations().toString()).isTrue();
        assertThat(verification.rowsChecked()).isGreaterThanOrEqualTo(checkpointSeq);
        // The restored gateway certificate still authenticates, and the hospital's patient is there by local ID.
        FhirLoadClient.TimedResponse patient = gateway(restored).get(
                "Patient?identifier=urn:oid:1.2.392.100495.20.3.51.10710100017%7CR000002");
        assertThat(patient.status()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(patient.body()).path("entry").size()).as(patient.body()).isEqualTo(1);
        byte[] retrievedAfter = cGet(dicomPort(restored), work.resolve("get-after"));
        assertThat(retrievedAfter).isEqualTo(retrievedBefore);
        restored.stop(Duration.ofSeconds(60));
        System.out.print(backedUp.output() + restoredRun.output());
        System.out.printf("backup %.1f s, restore %.1f s, %d FHIR resources, audit checkpoint seq %d%n", backupSeconds,
                restoreSeconds, countsBefore.values().stream().mapToLong(Long::longValue).sum(), checkpointSeq);

        // ---- what a restore refuses, leaving nothing behind ----
        Result notEmpty = hubCommand(restoredHome, "restore", backup.toString());
        assertThat(notEmpty.exit()).isEqualTo(1);
        assertThat(notEmpty.output()).contains("is not empty").contains("--replace");

        String damagedFile = manifest.at("/files").findValuesAsText("path").stream()
                .filter(path -> path.startsWith("dicom/objects/")).findFirst().orElseThrow();
        byte[] intact = Files.readAllBytes(backup.resolve(damagedFile));
        byte[] damaged = intact.clone();
        damaged[damaged.length - 1] ^= 0x01;
        Files.write(backup.resolve(damagedFile), damaged);
        Path refusedHome = work.resolve("refused");
        Result tampered = hubCommand(refusedHome, "restore", backup.toString());
        assertThat(tampered.exit()).isEqualTo(1);
        assertThat(tampered.output()).contains("The backup is damaged: " + damagedFile).contains("Nothing was restored");
        assertThat(refusedHome).doesNotExist();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".restoring-"));
        }

        Files.move(backup.resolve("manifest.json"), work.resolve("manifest.json"), StandardCopyOption.ATOMIC_MOVE);
        Result incomplete = hubCommand(refusedHome, "restore", backup.toString());
        assertThat(incomplete.exit()).isEqualTo(1);
        assertThat(incomplete.output()).contains("is not a complete backup: it has no manifest.json");
        assertThat(refusedHome).doesNotExist();
    }

    private HubProcess start(Path home) throws IOException, InterruptedException {
        int dicomPort = freePort();
        Map<String, String> environment = Map.of("RENKEI_DEMO_DATA", "true",
                "RENKEI_DICOM_PORT", Integer.toString(dicomPort));
        HubProcess hub = HubProcess.start(HubProcess.Launch.packagedHub(repo, environment), home, false);
        hubs.add(hub);
        dicomPorts.put(hub, dicomPort);
        Path ca = home.resolve("pki/ca.crt");
        hub.awaitFirstMetadata(() -> FhirLoadClient.forHub(hub.port(), ca, Optional.empty()), START_LIMIT);
        hub.awaitReadiness(FhirLoadClient.forHub(hub.port(), ca, Optional.empty()), START_LIMIT);
        return hub;
    }

    private static FhirLoadClient gateway(HubProcess hub) {
        return FhirLoadClient.forHub(hub.port(), hub.home().resolve("pki/ca.crt"), Optional.of(new TlsCredentials(
                hub.home().resolve("demo/hospital-gateway.key"), hub.home().resolve("demo/hospital-gateway.crt"))));
    }

    /** The DICOM port the hub was started with. */
    private int dicomPort(HubProcess hub) {
        return dicomPorts.get(hub);
    }

    /** {@code ./hub backup|restore} as an operator runs it, on {@code home}. */
    private Result hubCommand(Path home, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("hub").toString()));
        command.addAll(List.of(arguments));
        return run(command, Map.of("RENKEI_HOME", home.toString()));
    }

    /** A 64×64 secondary capture (DCMTK's img2dcm, then dcmdjpeg) of the hospital's patient {@code patientId}. */
    private static Path dicomInstance(Path work, String patientId) throws IOException, InterruptedException {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.getRaster().setSample(x, y, 0, (x * 4 + y) & 255);
            }
        }
        Path jpeg = work.resolve("image.jpg");
        ImageIO.write(image, "jpg", jpeg.toFile());
        Path compressed = work.resolve("image-jpeg.dcm");
        Result made = run(List.of("img2dcm", "-q", jpeg.toString(), compressed.toString(), "-k", "PatientID=" + patientId,
                "-k", "PatientName=Drill^Backup", "-k", "StudyDate=20261203", "-k", "Modality=OT",
                "-k", "StudyInstanceUID=2.25.1203202600000000000000000000000000001",
                "-k", "SeriesInstanceUID=2.25.1203202600000000000000000000000000002",
                "-k", "SOPInstanceUID=2.25.1203202600000000000000000000000000003"), Map.of());
        assertThat(made.exit()).as(made.output()).isZero();
        // storescu proposes the uncompressed syntaxes only (as a PACS sending images it has decoded)
        Path dicom = work.resolve("image.dcm");
        Result decoded = run(List.of("dcmdjpeg", "-q", compressed.toString(), dicom.toString()), Map.of());
        assertThat(decoded.exit()).as(decoded.output()).isZero();
        return dicom;
    }

    /** The study by C-GET as the hospital's PACS: the one file getscu writes. */
    private static byte[] cGet(int port, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        Result got = run(List.of("getscu", "-S", "-aet", HOSPITAL_AE, "-aec", "RENKEIHUB", "127.0.0.1",
                Integer.toString(port), "-k", "QueryRetrieveLevel=STUDY",
                "-k", "StudyInstanceUID=2.25.1203202600000000000000000000000000001", "-od", into.toString()), Map.of());
        assertThat(got.exit()).as(got.output()).isZero();
        try (Stream<Path> files = Files.list(into)) {
            List<Path> received = files.toList();
            assertThat(received).hasSize(1);
            assertThat(received.get(0).getFileName().toString())
                    .endsWith("2.25.1203202600000000000000000000000000003");
            return Files.readAllBytes(received.get(0));
        }
    }

    private static void awaitImagingStudy(HubProcess hub) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (withDatabase(hub, BackupRestoreDrillTest::resourceCounts).getOrDefault("ImagingStudy", 0L) > 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No ImagingStudy published within 60 s.\n" + hub.logTail(40));
    }

    private interface DatabaseWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Work on the hub's embedded PostgreSQL, as the hub connects to it (127.0.0.1, user postgres). */
    private static <T> T withDatabase(HubProcess hub, DatabaseWork<T> work) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + hub.postgresPort() + "/renkei", "postgres", "")) {
            return work.apply(connection);
        }
    }

    private static Map<String, Long> resourceCounts(Connection connection) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT res_type, count(*) FROM hfj_resource WHERE res_deleted_at IS NULL GROUP BY res_type")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static String auditHash(Connection connection, long seq) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT hash FROM hub.audit_event WHERE seq = " + seq)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The hub's own chain verification (hub-core's AuditVerifier, what /api/admin/audit/verify runs). */
    private static AuditVerification verifyAudit(Connection connection) {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
        return new AuditVerifier(dataSource, new DataSourceTransactionManager(dataSource)).verify();
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("RENKEI_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 3 minutes:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
