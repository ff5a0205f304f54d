package jp.renkei.hub.ops.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import jp.renkei.hub.bench.FhirLoadClient;
import jp.renkei.hub.bench.HubBenchmark;
import jp.renkei.hub.bench.HubProcess;
import jp.renkei.hub.bench.Ss2TreeGenerator;
import jp.renkei.hub.dicom.file.DicomFile;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the packaged hub, proven by killing it (issue W2-8): {@code kill -9} in the middle of a bulk
 * SS-MIX2 import, then of a running hub taking MLLP pushes, a DICOM study over three parallel associations, JAHIS
 * uploads and the SS-MIX2 poller at once; restarted on the same home (the orphaned embedded PostgreSQL still
 * running), the senders send again what was not acknowledged (and the last acknowledged item, as a sender that lost
 * the acknowledgement would), and the counts are exact: nothing acknowledged lost, nothing duplicated, no
 * half-written DICOM instance or ImagingStudy, and the audit chain verifies. Three processes on one home: the
 * import killed, the hub killed, the hub that recovers.
 */
class KillNineDrillTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final String HOSPITAL_CODE = "0710100017";
    private static final String CLINIC_CODE = "0710200023";
    private static final String PHARMACY_CODE = "0740300015";
    private static final String SOURCE_RECORD = "https://renkei-hub.jp/fhir/sid/source-record";
    private static final Duration START_LIMIT = Duration.ofMinutes(10);
    private static final int SIGKILL_EXIT = 128 + 9;
    // Sizes: each channel must still be sending when the kill comes, on a quiet or a busy machine.
    private static final int SS2_MESSAGES = 1000;
    private static final int SS2_PATIENTS = 200;
    private static final int MLLP_PATIENTS = 60; // an ADT-00, an OML-11 and an OMP-01 each
    private static final int JAHIS_FILES = 150;
    private static final int DICOM_ASSOCIATIONS = 3;
    private static final int DICOM_PER_ASSOCIATION = 300;

    private final List<HubProcess> processes = new ArrayList<>();
    private Path home;

    @AfterEach
    void stopEverything() throws IOException {
        // newest first: the running hub stops with its PostgreSQL; a killed one's orphan is stopped if still there
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        if (home != null) {
            try (Stream<Path> paths = Files.walk(home)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void nothingAcknowledgedIsLostAndNothingDuplicatedAfterKillNine(@TempDir Path work) throws Exception {
        long started = System.nanoTime();
        home = Files.createTempDirectory("renkei-crash-");
        Path ss2Root = work.resolve("ss2");
        Ss2TreeGenerator.write(ss2Root, SS2_MESSAGES, SS2_PATIENTS, 20261203L);
        List<Path> ss2Files = Ss2Expectations.files(ss2Root);
        Path mllpRoot = work.resolve("mllp");
        Ss2TreeGenerator.write(mllpRoot, 3 * MLLP_PATIENTS, MLLP_PATIENTS, 20261204L);
        List<Path> mllpFiles = Ss2Expectations.files(mllpRoot);
        int mllpPort = freePort();
        int dicomPort = freePort();

        // 1. The bulk import (./hub ingest-ss2) as the demo clinic, on a fresh home: killed mid-import.
        HubProcess importer = start(home, List.of("--renkei.gateway.ss2.import.root=" + ss2Root,
                "--renkei.gateway.ss2.import.facility=" + CLINIC_CODE, "--renkei.gateway.ss2.import.workers=2"),
                Map.of());
        int importedBeforeKill = awaitImportProgress(importer, 150, ss2Files.size());
        assertThat(importer.kill()).as("exit code of SIGKILL").isEqualTo(SIGKILL_EXIT);
        String clinic = matchIn(importer.logTail(2000), "\\(([0-9a-zA-Z-]+)\\) with \\d+ workers");
        assertThat(orphanAlive(importer)).as("the killed import's PostgreSQL is left running").isTrue();
        log("import killed after " + importedBeforeKill + " of " + ss2Files.size() + " files", started);

        // 2. The hub on that home, with the SS-MIX2 poller resuming the import, taking MLLP, DICOM and JAHIS.
        List<String> hubArguments = List.of("--renkei.gateway.ss2.roots[0].facility-id=" + clinic,
                "--renkei.gateway.ss2.roots[0].path=" + ss2Root, "--renkei.gateway.ss2.poll-interval=2s",
                "--renkei.gateway.ss2.workers=2");
        Map<String, String> listeners = Map.of("RENKEI_GATEWAY_MLLP_ENABLED", "true",
                "RENKEI_GATEWAY_MLLP_PORT", Integer.toString(mllpPort), "RENKEI_DICOM_PORT", Integer.toString(dicomPort));
        HubProcess hub = start(home, hubArguments, listeners);
        awaitReady(hub);
        log("hub up (recovered from the killed import)", started);
        HubHttp hospitalHttp = HubHttp.asGateway(home, hub.port(), "hospital");
        String hospital = facilityOf(hospitalHttp, HOSPITAL_CODE, "H000001");
        HubLogins.Session pharmacist = HubLogins.demoPerson(HubHttp.anonymous(home, hub.port()), home, "demo-pharmacist");
        HubLogins.Session admin = HubLogins.hubAdministrator(HubHttp.anonymous(home, hub.port()), home);

        List<byte[]> mllpMessages = new ArrayList<>();
        for (Path file : mllpFiles) {
            mllpMessages.add(Files.readAllBytes(file));
        }
        MllpPusher mllp = new MllpPusher(home, mllpPort, mllpMessages);
        JahisUploader jahis = new JahisUploader(HubHttp.anonymous(home, hub.port()).withBearer(pharmacist.token()),
                JAHIS_FILES);
        DicomSender dicom = new DicomSender(Files.createDirectories(work.resolve("dicom")), DICOM_ASSOCIATIONS,
                DICOM_PER_ASSOCIATION);
        Thread mllpThread = new Thread(mllp, "mllp-sender");
        Thread jahisThread = new Thread(jahis, "jahis-sender");
        mllpThread.start();
        jahisThread.start();
        dicom.start(dicomPort);
        awaitUntil(Duration.ofMinutes(3), () -> mllp.acknowledgedCount() >= 20 && jahis.acknowledgedCount() >= 10
                && dicom.acknowledged() >= 60, () -> mllp.describe() + "; " + jahis.describe() + "; DICOM "
                + safe(dicom::acknowledged) + " acknowledged\n" + safe(dicom::logs));
        assertThat(dicom.allRunning()).as("all DICOM associations still sending at the kill").isTrue();
        assertThat(hub.kill()).as("exit code of SIGKILL").isEqualTo(SIGKILL_EXIT);
        mllpThread.join(60_000);
        jahisThread.join(60_000);
        dicom.await(60);
        int dicomAcknowledged = dicom.acknowledged();
        assertThat(mllp.completedWithoutInterruption()).as(mllp.describe()).isFalse();
        assertThat(jahis.completedWithoutInterruption()).as(jahis.describe()).isFalse();
        assertThat(dicomAcknowledged).as("DICOM acknowledged before the kill").isLessThan(dicom.instances());
        assertThat(orphanAlive(hub)).as("the killed hub's PostgreSQL is left running").isTrue();
        log("hub killed: " + mllp.describe() + "; " + jahis.describe() + "; DICOM " + dicomAcknowledged + " of "
                + dicom.instances() + " acknowledged", started);

        // 3. The restarted hub: what was acknowledged is there before anything is sent again.
        HubProcess restarted = start(home, hubArguments, listeners);
        awaitReady(restarted);
        log("hub restarted", started);
        HubHttp hospitalAgain = HubHttp.asGateway(home, restarted.port(), "hospital");
        HubHttp clinicAgain = HubHttp.asGateway(home, restarted.port(), "clinic");
        HubHttp pharmacistAgain = HubHttp.anonymous(home, restarted.port()).withBearer(pharmacist.token());
        SoftAssertions softly = new SoftAssertions();
        // the chain as the kill left it (an append may have been cut off), before anything else is written
        HubHttp.Answer afterKill = HubHttp.anonymous(home, restarted.port()).withBearer(admin.token())
                .get("/api/admin/audit/verify");
        softly.assertThat(afterKill.status()).as(afterKill.body()).isEqualTo(200);
        softly.assertThat(afterKill.body()).as("audit verification after the restart").contains("\"ok\":true");
        Map<String, Long> mllpAcknowledged = Ss2Expectations.resources(mllp.acknowledgedItems().stream()
                .map(mllpFiles::get).toList());
        for (var type : mllpAcknowledged.entrySet()) {
            softly.assertThat(ingested(hospitalAgain, hospital, type.getKey())).as("MLLP-acknowledged " + type.getKey())
                    .isGreaterThanOrEqualTo(type.getValue());
        }
        softly.assertThat(ingested(pharmacistAgain, pharmacist.facilityId(), "MedicationDispense"))
                .as("dispenses of acknowledged JAHIS uploads")
                .isGreaterThanOrEqualTo((long) JahisUploader.DISPENSES_PER_FILE * jahis.acknowledgedCount());
        softly.assertThat(storedInstanceFiles(home, dicom.studyUid())).as("acknowledged DICOM instances in the store")
                .isGreaterThanOrEqualTo(dicomAcknowledged);

        // 4. The senders send again what was not acknowledged, and the last acknowledged item once more.
        int mllpResent = mllp.resend();
        jahis.target(pharmacistAgain);
        int jahisResent = jahis.resend();
        dicom.start(dicomPort); // a PACS resends the whole study: known instances are successes without a copy
        assertThat(dicom.await(300)).as(dicom.logs()).isTrue();
        assertThat(dicom.acknowledged()).as("every instance acknowledged on the resend").isEqualTo(dicom.instances());
        log("resent: MLLP " + mllpResent + ", JAHIS " + jahisResent + ", DICOM " + dicom.instances(), started);

        // 5. Exact counts, once the poller has taken the rest of the SS-MIX2 tree and the study is published.
        Map<String, Long> ss2Expected = Ss2Expectations.resources(ss2Files);
        boolean ss2Complete = reached(Duration.ofMinutes(4), () -> counts(clinicAgain, clinic, Ss2Expectations.TYPES).equals(ss2Expected),
                () -> "SS-MIX2 " + safe(() -> counts(clinicAgain, clinic, Ss2Expectations.TYPES)) + " expected "
                        + ss2Expected);
        log("SS-MIX2 tree " + (ss2Complete ? "complete" : "NOT complete"), started);
        reached(Duration.ofMinutes(2), () -> instancesInImagingStudy(hospitalAgain, hospital) == dicom.instances(),
                () -> "ImagingStudy instances " + safe(() -> instancesInImagingStudy(hospitalAgain, hospital)));
        Thread.sleep(5_000); // two more polls: a poll that re-imported anything would show now
        softly.assertThat(counts(clinicAgain, clinic, Ss2Expectations.TYPES)).as("SS-MIX2 resources").isEqualTo(ss2Expected);
        softly.assertThat(patients(clinicAgain, CLINIC_CODE, Ss2Expectations.patients(ss2Files)))
                .as("SS-MIX2 patients").isEqualTo(SS2_PATIENTS);
        softly.assertThat(counts(hospitalAgain, hospital, Ss2Expectations.TYPES)).as("MLLP resources")
                .isEqualTo(Ss2Expectations.resources(mllpFiles));
        softly.assertThat(patients(hospitalAgain, HOSPITAL_CODE, Ss2Expectations.patients(mllpFiles))).as("MLLP patients")
                .isEqualTo(MLLP_PATIENTS);
        softly.assertThat(ingested(pharmacistAgain, pharmacist.facilityId(), "MedicationDispense")).as("JAHIS dispenses")
                .isEqualTo((long) JahisUploader.DISPENSES_PER_FILE * JAHIS_FILES);
        List<String> jahisPatients = new ArrayList<>();
        for (int i = 0; i < JAHIS_FILES; i++) {
            jahisPatients.add(JahisUploader.patientId(i));
        }
        softly.assertThat(patients(pharmacistAgain, PHARMACY_CODE, jahisPatients)).as("JAHIS patients").isEqualTo(JAHIS_FILES);

        JsonNode study = imagingStudies(hospitalAgain, hospital);
        softly.assertThat(study.path("entry").size()).as("one ImagingStudy for the study").isEqualTo(1);
        JsonNode resource = study.path("entry").path(0).path("resource");
        softly.assertThat(resource.path("numberOfInstances").asInt()).isEqualTo(dicom.instances());
        softly.assertThat(resource.path("numberOfSeries").asInt()).isEqualTo(DICOM_ASSOCIATIONS);
        int listed = 0;
        for (JsonNode series : resource.path("series")) {
            softly.assertThat(series.path("numberOfInstances").asInt()).isEqualTo(DICOM_PER_ASSOCIATION);
            listed += series.path("instance").size();
        }
        softly.assertThat(listed).as("instances listed in the ImagingStudy").isEqualTo(dicom.instances());
        softly.assertThat(storedInstanceFiles(home, dicom.studyUid())).as("instance files in the DICOM store")
                .isEqualTo(dicom.instances());
        assertEveryStoredFileIsWhole(softly, home, dicom.studyUid());

        HubHttp.Answer verification = HubHttp.anonymous(home, restarted.port()).withBearer(admin.token())
                .get("/api/admin/audit/verify");
        softly.assertThat(verification.status()).as(verification.body()).isEqualTo(200);
        softly.assertThat(verification.json().path("ok").asBoolean()).as(verification.body()).isTrue();
        softly.assertThat(verification.json().path("violations").size()).as(verification.body()).isZero();
        softly.assertThat(verification.json().path("rowsChecked").asLong()).isPositive();
        softly.assertAll();
        log("all counts exact, audit chain verified (" + verification.json().path("rowsChecked").asLong()
                + " rows)", started);
    }

    // ---- processes ----

    private HubProcess start(Path home, List<String> arguments, Map<String, String> extraEnvironment)
            throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("RENKEI_DEMO_DATA", "true");
        environment.put("RENKEI_DICOM_PORT", "0");
        environment.putAll(extraEnvironment);
        List<String> program = new ArrayList<>(List.of("-jar", HubBenchmark.findExecJar(REPO).toString()));
        program.addAll(arguments);
        HubProcess.Launch launch = new HubProcess.Launch(Path.of(System.getProperty("java.home"), "bin", "java"),
                HubBenchmark.readJvmOptions(REPO.resolve("config/jvm.options")), program, environment);
        // every process keeps the home for the next; the test deletes it at the end
        HubProcess process = HubProcess.start(launch, home, true);
        processes.add(process);
        return process;
    }

    private static void awaitReady(HubProcess hub) throws Exception {
        Path ca = hub.home().resolve("pki/ca.crt");
        hub.awaitFirstMetadata(() -> FhirLoadClient.forHub(hub.port(), ca, Optional.empty()), START_LIMIT);
        hub.awaitReadiness(FhirLoadClient.forHub(hub.port(), ca, Optional.empty()), Duration.ofMinutes(3));
    }

    /** Waits until the import's progress bar shows at least {@code files} done; returns the count seen. */
    private static int awaitImportProgress(HubProcess importer, int files, int total) throws Exception {
        Pattern progress = Pattern.compile("(\\d+)/" + total + " files");
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = progress.matcher(importer.logTail(5));
            int done = 0;
            while (matcher.find()) {
                done = Integer.parseInt(matcher.group(1));
            }
            assertThat(done).as("the import must still be running at the kill").isLessThan(total);
            if (done >= files) {
                return done;
            }
            if (ProcessHandle.of(importer.pid()).filter(ProcessHandle::isAlive).isEmpty()) {
                throw new IllegalStateException("The import ended before the kill\n" + importer.logTail(40));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("No import progress\n" + importer.logTail(60));
    }

    private static boolean orphanAlive(HubProcess killed) {
        return killed.postmasterPid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    // ---- counting ----

    /** Resources of {@code type} the ingest wrote for the facility (they carry the source-record identifier). */
    private static long ingested(HubHttp http, String facility, String type) throws Exception {
        try {
            return http.count(type, HubHttp.ofFacility(facility) + "&identifier="
                    + HubHttp.encode(SOURCE_RECORD + "|"));
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage()); // -1 fails the count's assertion, the others still run
            return -1;
        }
    }

    private static Map<String, Long> counts(HubHttp http, String facility, List<String> types) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (String type : types) {
            counts.put(type, ingested(http, facility, type));
        }
        return counts;
    }

    /** Patients of the facility with these local IDs; each must be there once. */
    private static long patients(HubHttp http, String facilityCode, java.util.Collection<String> localIds)
            throws Exception {
        String system = "urn:oid:1.2.392.100495.20.3.51.1" + facilityCode;
        List<String> ids = List.copyOf(localIds);
        long total = 0;
        for (int from = 0; from < ids.size(); from += 40) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + 40));
            try {
                total += http.count("Patient", "identifier=" + HubHttp.encode(String.join(",",
                        batch.stream().map(id -> system + "|" + id).toList())));
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
                return -1;
            }
        }
        return total;
    }

    private static String facilityOf(HubHttp http, String code, String localId) throws Exception {
        HubHttp.Answer answer = http.get("/fhir/Patient?identifier=" + HubHttp.encode(
                "urn:oid:1.2.392.100495.20.3.51.1" + code + "|" + localId));
        for (JsonNode tag : answer.json().path("entry").get(0).path("resource").path("meta").path("tag")) {
            if (HubHttp.SOURCE_FACILITY.equals(tag.path("system").asText())) {
                return tag.path("code").asText();
            }
        }
        throw new IllegalStateException("No source facility on " + answer.body());
    }

    private static JsonNode imagingStudies(HubHttp http, String facility) throws Exception {
        HubHttp.Answer answer = http.get("/fhir/ImagingStudy?" + HubHttp.ofFacility(facility));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static int instancesInImagingStudy(HubHttp http, String facility) throws Exception {
        JsonNode bundle = imagingStudies(http, facility);
        return bundle.path("entry").isEmpty() ? 0
                : bundle.path("entry").get(0).path("resource").path("numberOfInstances").asInt();
    }

    private static long storedInstanceFiles(Path home, String studyUid) throws IOException {
        Path study = home.resolve("dicom/objects").resolve(studyUid);
        if (!Files.isDirectory(study)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(study)) {
            return files.filter(f -> f.toString().endsWith(".dcm")).count();
        }
    }

    /** Every stored instance reads as a whole DICOM file (a half-written one fails at its end). */
    private static void assertEveryStoredFileIsWhole(SoftAssertions softly, Path home, String studyUid)
            throws IOException {
        try (Stream<Path> files = Files.walk(home.resolve("dicom/objects").resolve(studyUid))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".dcm")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    softly.assertThat(DicomFile.read(in, Long.MAX_VALUE).dataSet().bytes(0x7FE00010))
                            .as("pixel data of " + file).hasValueSatisfying(p -> assertThat(p).hasSize(16 * 16));
                }
            }
        }
    }

    // ---- helpers ----

    private static boolean reached(Duration limit, Callable<Boolean> condition, Callable<String> state)
            throws Exception {
        try {
            awaitUntil(limit, condition, state);
            return true;
        } catch (AssertionError e) {
            System.out.println(e.getMessage());
            return false;
        }
    }

    private static void awaitUntil(Duration limit, Callable<Boolean> condition, Callable<String> state)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Not reached within " + limit.toSeconds() + " s: " + state.call());
    }

    private static String safe(Callable<?> value) {
        try {
            return String.valueOf(value.call());
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }

    private static String matchIn(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex + " in\n" + text).isTrue();
        return matcher.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void log(String what, long started) {
        System.out.printf("KillNineDrillTest %6.1f s: %s (load %s)%n", (System.nanoTime() - started) / 1e9, what,
                loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
