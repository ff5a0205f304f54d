package jp.renkei.hub.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.app.demo.SyntheticPatientGenerator;
import jp.renkei.hub.bench.SyntheticBundles.PreparedBundle;
import jp.renkei.hub.bench.TransactionLoad.PhaseResult;
import jp.renkei.hub.core.ids.HubKeyedIds;

/**
 * Measures the packaged hub the way it is deployed: start-up time to a usable FHIR endpoint, write throughput
 * of patient transactions from one and from several clients, patient-level search latency, and the resident
 * memory of the hub's JVM and of its embedded PostgreSQL. Run it with {@code bash hub-bench/run.sh}.
 */
public final class HubBenchmark {

    static final Duration STARTUP_LIMIT = Duration.ofSeconds(180);
    static final Duration STOP_GRACE = Duration.ofSeconds(60);
    static final double STARTUP_TARGET_S = 40;
    /** 1.2 GB, taken as 1.2 GiB; every "MB" printed is a MiB. */
    static final double RSS_TARGET_MB = 1.2 * 1024;
    /** Gated time over own-facility time for the same query (issue W1-4). */
    static final double GATE_RATIO_TARGET = 1.15;
    /** Queries compared with and without consent decisions; %s is the patient's event number. */
    static final List<String> GATE_QUERIES = List.of("Observation?patient=%s&_sort=-date",
            "Patient/$summary?patient=%s");
    static final String JP_CORE = "shared/testdata/jp-fhir/jp-core.r4-1.1.2.tgz";

    private final BenchOptions options;
    private final PrintStream out;

    public HubBenchmark(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = new HubBenchmark(BenchOptions.parse(args), System.out).run();
        } catch (BenchOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("hub-bench: " + e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            exitCode = 2;
        } catch (Exception e) {
            System.err.println("hub-bench: FAILED: " + e.getMessage());
            if (!(e instanceof IllegalStateException)) {
                e.printStackTrace();
            }
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    public int run() throws IOException, InterruptedException {
        Path repo = options.repo();
        Path jar = options.jar().orElseGet(() -> findExecJar(repo));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No hub jar at " + jar);
        }
        List<String> jvmOptions = readJvmOptions(repo.resolve("config/jvm.options"));
        Optional<Path> jpCore = Optional.of(repo.resolveSibling(JP_CORE).normalize()).filter(Files::isRegularFile);
        Map<String, String> environment = new LinkedHashMap<>();
        // The demo network gives the hub its facilities and the demo hospital's gateway certificate, with which
        // the benchmark loads data the way a hospital gateway does: over mutual TLS.
        environment.put("RENKEI_DEMO_DATA", "true");
        environment.put("RENKEI_DEMO_NETWORK_PATIENTS", String.valueOf(options.demoPatients()));
        jpCore.ifPresent(p -> environment.put("RENKEI_FHIR_PACKAGES", p.toString()));
        HubProcess.Launch launch = options.launch().launch(repo,
                Path.of(System.getProperty("java.home"), "bin", "java"), jvmOptions, jar, environment);

        Summary summary = machineFacts(launch, jpCore);
        out.println("hub-bench: " + String.join(" ", launch.command()));
        if (jpCore.isEmpty()) {
            out.println("hub-bench: WARNING: " + repo.resolveSibling(JP_CORE).normalize()
                    + " not found; the hub starts without JP Core, which is faster than a real deployment");
        }

        // Everything the client sends is generated and serialized now, before the hub starts.
        FhirContext fhir = FhirContext.forR4Cached();
        SyntheticBundles data = new SyntheticBundles(new SyntheticPatientGenerator(options.seed(), LocalDate.now(),
                HubKeyedIds.withRandomKey()), fhir);
        List<PreparedBundle> warmupBundles = data.patients("W", options.warmup());
        List<PreparedBundle> sequentialBundles = data.patients("S", options.bundles());
        List<PreparedBundle> concurrentBundles = data.patients("P", options.bundles());
        PreparedBundle shape = sequentialBundles.get(0);
        requireSameShape(shape, warmupBundles, sequentialBundles, concurrentBundles);
        summary.put("bundles_per_phase", options.bundles())
                .put("resources_per_bundle", shape.resources())
                .put("observations_per_patient", shape.observations())
                .put("searches", options.searches());
        out.printf(Locale.ROOT, "hub-bench: prepared %d + 2 x %d patient bundles of %d resources%n",
                warmupBundles.size(), options.bundles(), shape.resources());

        List<String> failures = new ArrayList<>();
        HubProcess hub = HubProcess.start(launch, options.keepHome());
        Thread cleanup = new Thread(() -> {
            System.err.println("hub-bench: interrupted: stopping the hub (up to 60 s) and deleting " + hub.home());
            hub.close();
        }, "hub-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup); // Ctrl-C must not leave a hub or a database running
        HubProcess.StopReport stop;
        try {
            out.printf("hub-bench: hub pid %d on port %d, RENKEI_HOME=%s%n", hub.pid(), hub.port(), hub.home());
            Path ca = hub.home().resolve("pki/ca.crt");
            Duration startup = hub.awaitFirstMetadata(
                    () -> FhirLoadClient.forHub(hub.port(), ca, Optional.empty()), STARTUP_LIMIT);
            ProcFs.MemorySample jvmAfterStartup = hub.jvmMemory();
            ProcFs.ProcessTreeMemory pgAfterStartup = hub.postgresMemory();
            out.printf(Locale.ROOT, "hub-bench: first 200 on /fhir/metadata after %.1f s; JVM RSS %.0f MB%n",
                    seconds(startup), jvmAfterStartup.rssMb());

            hub.awaitReadiness(FhirLoadClient.forHub(hub.port(), ca, Optional.empty()), STARTUP_LIMIT);
            FhirLoadClient client = FhirLoadClient.forHub(hub.port(), ca, Optional.of(new TlsCredentials(
                    hub.home().resolve("demo/hospital-gateway.key"), hub.home().resolve("demo/hospital-gateway.crt"))));

            TransactionLoad load = new TransactionLoad(client, fhir);
            List<String> patientIds = new ArrayList<>();
            PhaseResult warmup = load.run("warm-up", warmupBundles, 1);
            report(warmup, patientIds, failures);
            PhaseResult sequential = load.run("1 thread", sequentialBundles, 1);
            report(sequential, patientIds, failures);
            PhaseResult concurrent = load.run(options.threads() + " threads", concurrentBundles, options.threads());
            report(concurrent, patientIds, failures);

            SearchLoad.SearchResult search = new SearchLoad(client, fhir, new Random(options.seed()))
                    .run(patientIds, Math.min(options.warmup(), options.searches()), options.searches(),
                            shape.observations());
            out.printf(Locale.ROOT, "hub-bench: %d searches over %d patients: p50 %.1f ms, p95 %.1f ms, max %.1f ms, "
                            + "failures %d%n", search.searches(), patientIds.size(), search.latency().p50Ms(),
                    search.latency().p95Ms(), search.latency().maxMs(), search.failures().size());
            search.failures().stream().limit(5).forEach(f -> out.println("hub-bench:   search failure: " + f));
            failures.addAll(search.failures());

            FhirLoadClient clinic = FhirLoadClient.forHub(hub.port(), ca, Optional.of(new TlsCredentials(
                    hub.home().resolve("demo/clinic-gateway.key"), hub.home().resolve("demo/clinic-gateway.crt"))));
            GateLoad gate = new GateLoad(client, clinic, fhir, new Random(options.seed()));
            List<String> eventNumbers = gate.consentedEventNumbers(options.demoPatients());
            List<GateLoad.GateResult> gateResults = new ArrayList<>();
            for (String query : GATE_QUERIES) {
                GateLoad.GateResult result = gate.run(query, eventNumbers, Math.min(options.warmup(),
                        options.searches()), options.searches());
                out.printf(Locale.ROOT, "hub-bench: gate %s over %d consented patients: own facility p50 %.1f ms,"
                                + " p95 %.1f ms; other facility (gated) p50 %.1f ms, p95 %.1f ms; ratio p50 %.2f,"
                                + " p95 %.2f; failures %d%n", query, result.patients(), result.own().p50Ms(),
                        result.own().p95Ms(), result.gated().p50Ms(), result.gated().p95Ms(), result.ratioP50(),
                        result.ratioP95(), result.failures().size());
                result.failures().stream().limit(5).forEach(f -> out.println("hub-bench:   gate failure: " + f));
                failures.addAll(result.failures());
                gateResults.add(result);
            }

            ProcFs.MemorySample jvmAfterLoad = hub.jvmMemory();
            ProcFs.ProcessTreeMemory pgAfterLoad = hub.postgresMemory();
            out.printf(Locale.ROOT, "hub-bench: after load: JVM RSS %.0f MB (peak %.0f MB); PostgreSQL %d processes, "
                            + "RSS sum %.0f MB, PSS sum %.0f MB%n", jvmAfterLoad.rssMb(), jvmAfterLoad.hwmMb(),
                    pgAfterLoad.processes(), pgAfterLoad.rssMb(), pgAfterLoad.pssMb());

            for (GateLoad.GateResult result : gateResults) {
                String prefix = "gate_" + result.query().replaceAll("[^A-Za-z]+", "_").replaceAll("_+$", "")
                        .toLowerCase(Locale.ROOT);
                summary.put(prefix + "_patients", result.patients())
                        .put(prefix + "_own_p50_ms", result.own().p50Ms(), 1)
                        .put(prefix + "_own_p95_ms", result.own().p95Ms(), 1)
                        .put(prefix + "_gated_p50_ms", result.gated().p50Ms(), 1)
                        .put(prefix + "_gated_p95_ms", result.gated().p95Ms(), 1)
                        .put(prefix + "_ratio_p50", result.ratioP50(), 2)
                        .put(prefix + "_ratio_p95", result.ratioP95(), 2)
                        .put(prefix + "_ratio_target_met", result.ratioP95() <= GATE_RATIO_TARGET
                                && result.ratioP50() <= GATE_RATIO_TARGET);
            }
            stop = hub.stop(STOP_GRACE);
            out.printf(Locale.ROOT, "hub-bench: hub stopped %s in %.1f s (exit code %d); embedded PostgreSQL %s%n",
                    stop.graceful() ? "gracefully" : "FORCIBLY", seconds(stop.took()), stop.exitCode(),
                    stop.postgresStopped() ? "stopped too" : "STILL RUNNING");

            summary.put("startup_to_first_metadata_s", seconds(startup), 1)
                    .put("rss_after_startup_mb", jvmAfterStartup.rssMb(), 0)
                    .put("hwm_after_startup_mb", jvmAfterStartup.hwmMb(), 0)
                    .put("rss_after_load_mb", jvmAfterLoad.rssMb(), 0)
                    .put("hwm_after_load_mb", jvmAfterLoad.hwmMb(), 0)
                    .put("pg_processes_after_startup", pgAfterStartup.processes())
                    .put("pg_rss_sum_after_startup_mb", pgAfterStartup.rssMb(), 0)
                    .put("pg_pss_sum_after_startup_mb", pgAfterStartup.pssMb(), 0)
                    .put("pg_processes_after_load", pgAfterLoad.processes())
                    .put("pg_rss_sum_after_load_mb", pgAfterLoad.rssMb(), 0)
                    .put("pg_pss_sum_after_load_mb", pgAfterLoad.pssMb(), 0);
            phase(summary, "write_1_thread", sequential);
            phase(summary, "write_" + options.threads() + "_threads", concurrent);
            summary.put("search_p50_ms", search.latency().p50Ms(), 1)
                    .put("search_p95_ms", search.latency().p95Ms(), 1)
                    .put("search_max_ms", search.latency().maxMs(), 1)
                    .put("search_patients", patientIds.size())
                    .put("stop_graceful", stop.graceful())
                    .put("stop_s", seconds(stop.took()), 1)
                    .put("postgres_stopped", stop.postgresStopped())
                    .put("startup_target_s", STARTUP_TARGET_S, 0)
                    .put("startup_target_met", seconds(startup) <= STARTUP_TARGET_S)
                    .put("rss_target_mb", RSS_TARGET_MB, 0)
                    .put("rss_target_met", jvmAfterLoad.hwmMb() <= RSS_TARGET_MB);
        } finally {
            hub.close();
            removeHook(cleanup);
        }

        boolean ok = failures.isEmpty() && stop.postgresStopped();
        summary.put("loadavg_at_end", loadAverage())
                .put("failures", failures.size())
                .put("result", ok ? "PASS" : "FAIL");
        summary.print(out);
        return ok ? 0 : 1;
    }

    private void report(PhaseResult phase, List<String> patientIds, List<String> failures) {
        out.printf(Locale.ROOT, "hub-bench: %-9s %4d bundles, %5d resources in %6.1f s = %6.1f resources/s; "
                        + "bundle latency p50 %.0f ms, p95 %.0f ms, max %.0f ms; failures %d%n",
                phase.name(), phase.bundles(), phase.resources(), phase.elapsedSeconds(), phase.resourcesPerSecond(),
                phase.latency().p50Ms(), phase.latency().p95Ms(), phase.latency().maxMs(), phase.failures().size());
        phase.failures().stream().limit(5).forEach(f -> out.println("hub-bench:   failure: " + f));
        patientIds.addAll(phase.patientIds());
        failures.addAll(phase.failures());
    }

    private static void phase(Summary summary, String prefix, PhaseResult phase) {
        summary.put(prefix + "_bundles", phase.bundles())
                .put(prefix + "_resources", phase.resources())
                .put(prefix + "_elapsed_s", phase.elapsedSeconds(), 2)
                .put(prefix + "_resources_per_s", phase.resourcesPerSecond(), 0)
                .put(prefix + "_bundle_p50_ms", phase.latency().p50Ms(), 1)
                .put(prefix + "_bundle_p95_ms", phase.latency().p95Ms(), 1)
                .put(prefix + "_bundle_max_ms", phase.latency().maxMs(), 1)
                .put(prefix + "_failures", phase.failures().size());
    }

    private Summary machineFacts(HubProcess.Launch launch, Optional<Path> jpCore) {
        return new Summary()
                .put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .put("nproc", Runtime.getRuntime().availableProcessors())
                .put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"))
                .put("mem_total_mb", firstValue(Path.of("/proc/meminfo"), "MemTotal")
                        .map(v -> String.valueOf(Long.parseLong(v.split("\\s+")[0]) / 1024)).orElse("unknown"))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .put("java_version", System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.name") + ")")
                .put("jvm_options", String.join(" ", launch.jvmOptions()))
                .put("hub_jar", launch.jar())
                .put("launch", options.launch().name().toLowerCase(Locale.ROOT))
                .put("fhir_packages", jpCore.map(Path::toString).orElse("none"))
                .put("loadavg_at_start", loadAverage());
    }

    /** Options from config/jvm.options, one a line; '#' comments and blank lines skipped, as ./hub does. */
    static List<String> readJvmOptions(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    static Path findExecJar(Path repo) {
        Path target = repo.resolve("hub-app/target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "hub-app-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException("No hub-app-*-exec.jar in " + target
                + ": build it (./mvnw package -pl hub-app -am -DskipTests) or pass --jar");
    }

    @SafeVarargs
    private static void requireSameShape(PreparedBundle shape, List<PreparedBundle>... phases) {
        for (List<PreparedBundle> phase : phases) {
            for (PreparedBundle bundle : phase) {
                if (bundle.resources() != shape.resources() || bundle.observations() != shape.observations()) {
                    throw new IllegalStateException("Bundle " + bundle.localId() + " differs in shape from "
                            + shape.localId() + "; the generator changed?");
                }
            }
        }
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook has run or will run and is harmless after close()
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
