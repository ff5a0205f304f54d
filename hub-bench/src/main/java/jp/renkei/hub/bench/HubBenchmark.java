package jp.renkei.hub.bench;

import java.io.File;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.demo.SyntheticPatientGenerator;
import jp.renkei.hub.bench.SyntheticBundles.PreparedBundle;
import jp.renkei.hub.bench.TransactionLoad.PhaseResult;
import jp.renkei.hub.bench.vanilla.VanillaHapiServer;
import jp.renkei.hub.core.ids.HubKeyedIds;
import jp.renkei.hub.fhir.jpcore.JpCoreSystems;
import org.hl7.fhir.r4.model.Organization;

/**
 * Measures the packaged hub the way it is deployed: start-up time to a usable FHIR endpoint, write throughput
 * of patient transactions from one and from several clients, patient-level search latency, and the resident
 * memory of the hub's JVM and of its embedded PostgreSQL. In the same run, alternating with the hub (ABBA), the
 * same bundles and searches go to a vanilla HAPI FHIR server ({@link VanillaHapiServer}) on the same kind of
 * durable embedded PostgreSQL, and the report gives hub/vanilla ratios with each server's CPU, commits and WAL per
 * bundle. Run it with {@code bash hub-bench/run.sh}.
 */
public final class HubBenchmark {

    static final Duration STOP_GRACE = Duration.ofSeconds(60);
    /** Issue W2-6 (W1-1 had 40 s). */
    static final double STARTUP_TARGET_S = 30;
    /** 1.2 GB, taken as 1.2 GiB; every "MB" printed is a MiB. */
    static final double RSS_TARGET_MB = 1.2 * 1024;
    /** Gated time over own-facility time for the same query (issue W1-4). */
    static final double GATE_RATIO_TARGET = 1.15;
    /** Queries compared with and without consent decisions; %s is the patient's event number. */
    static final List<String> GATE_QUERIES = List.of("Observation?patient=%s&_sort=-date",
            "Patient/$summary?patient=%s");
    static final String JP_CORE = "shared/testdata/jp-fhir/jp-core.r4-1.1.2.tgz";
    static final String HAPI_VERSION = ca.uhn.fhir.util.VersionUtil.getVersion();

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
        if (options.home().isEmpty()) {
            environment.put("RENKEI_DEMO_NETWORK_PATIENTS", String.valueOf(options.demoPatients()));
        }
        environment.put("RENKEI_DICOM_PORT", "0"); // any free port: another hub on this machine may hold 11112
        jpCore.ifPresent(p -> environment.put("RENKEI_FHIR_PACKAGES", p.toString()));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        HubProcess.Launch launch = options.launch().launch(repo, java, jvmOptions, jar, environment);
        // The vanilla server runs from this benchmark's own classpath (HAPI, zonky and the hub's embedded-database
        // class come with hub-app), with the same JVM options as the hub; made absolute, as it runs in its home.
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        HubProcess.Launch vanillaLaunch = new HubProcess.Launch(java, jvmOptions,
                List.of("-cp", classpath, VanillaHapiServer.class.getName()), Map.of());

        Summary summary = machineFacts(launch, jar, jpCore);
        summary.put("vanilla", options.vanilla())
                .put("home", options.home().map(Path::toString).orElse("fresh"));
        if (options.home().isPresent()) {
            Optional<ViewsBenchData> loaded = ViewsBenchData.read(options.home().get());
            summary.put("home_preloaded_resources", loaded.map(d -> String.valueOf(d.resources())).orElse("unknown"))
                    .put("home_preloaded_patients", loaded.map(d -> String.valueOf(d.eventNumbers().size()))
                            .orElse("unknown"));
        }
        out.println("hub-bench: " + String.join(" ", launch.command()));
        if (options.vanilla()) {
            out.println("hub-bench: vanilla: " + String.join(" ", jvmOptions) + " ... "
                    + VanillaHapiServer.class.getName());
        }
        if (jpCore.isEmpty()) {
            out.println("hub-bench: WARNING: " + repo.resolveSibling(JP_CORE).normalize()
                    + " not found; the hub starts without JP Core, which is faster than a real deployment");
        }

        // Everything the client sends is generated and serialized now, before any server starts. Both servers
        // get the very same bundles.
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
        List<HubProcess> processes = new CopyOnWriteArrayList<>();
        Thread cleanup = new Thread(() -> {
            System.err.println("hub-bench: interrupted: stopping the servers (up to 60 s each) and deleting their homes");
            processes.forEach(HubProcess::close);
        }, "hub-bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup); // Ctrl-C must not leave a server or a database running
        HubProcess hubProcess = options.home().isPresent()
                ? HubProcess.start(launch, options.home().get(), true)
                : HubProcess.start(launch, options.keepHome());
        processes.add(hubProcess);
        ServerSide hub = null;
        ServerSide vanilla = null;
        HubProcess.StopReport stop;
        HubProcess.StopReport vanillaStop = null;
        try {
            out.printf("hub-bench: hub pid %d on port %d, RENKEI_HOME=%s%n", hubProcess.pid(), hubProcess.port(),
                    hubProcess.home());
            Path ca = hubProcess.home().resolve("pki/ca.crt");
            Duration startup = hubProcess.awaitFirstMetadata(
                    () -> FhirLoadClient.forHub(hubProcess.port(), ca, Optional.empty()), Duration.ofSeconds(options.startupLimitSeconds()));
            long startupCpuTicks = hubProcess.jvmCpuTicks();
            ProcFs.MemorySample jvmAfterStartup = hubProcess.jvmMemory();
            ProcFs.ProcessTreeMemory pgAfterStartup = hubProcess.postgresMemory();
            out.printf(Locale.ROOT, "hub-bench: hub: first 200 on /fhir/metadata after %.1f s; JVM RSS %.0f MB%n",
                    seconds(startup), jvmAfterStartup.rssMb());

            hubProcess.awaitReadiness(FhirLoadClient.forHub(hubProcess.port(), ca, Optional.empty()), Duration.ofSeconds(options.startupLimitSeconds()));
            FhirLoadClient client = FhirLoadClient.forHub(hubProcess.port(), ca, Optional.of(new TlsCredentials(
                    hubProcess.home().resolve("demo/hospital-gateway.key"),
                    hubProcess.home().resolve("demo/hospital-gateway.crt"))));
            hub = new ServerSide("hub", hubProcess, client, new TransactionLoad(client, fhir), startup,
                    startupCpuTicks);

            if (options.vanilla()) {
                // Started after the hub is ready: start-up is CPU-bound, and two at once would slow both.
                HubProcess vanillaProcess = HubProcess.start(vanillaLaunch, options.keepHome());
                processes.add(vanillaProcess);
                out.printf("hub-bench: vanilla HAPI pid %d on port %d, home %s%n", vanillaProcess.pid(),
                        vanillaProcess.port(), vanillaProcess.home());
                Duration vanillaStartup = vanillaProcess.awaitFirstMetadata(
                        () -> FhirLoadClient.forPlainHttp(vanillaProcess.port()), Duration.ofSeconds(options.startupLimitSeconds()));
                long vanillaStartupCpuTicks = vanillaProcess.jvmCpuTicks();
                out.printf(Locale.ROOT, "hub-bench: vanilla: first 200 on /fhir/metadata after %.1f s%n",
                        seconds(vanillaStartup));
                FhirLoadClient vanillaClient = FhirLoadClient.forPlainHttp(vanillaProcess.port());
                createHospital(vanillaClient, fhir);
                vanilla = new ServerSide("vanilla", vanillaProcess, vanillaClient,
                        new TransactionLoad(vanillaClient, fhir), vanillaStartup, vanillaStartupCpuTicks);
            }
            List<ServerSide> sides = vanilla == null ? List.of(hub) : List.of(hub, vanilla);
            for (ServerSide side : sides) {
                String settings = side.postgresSettings();
                out.println("hub-bench: " + side.name() + "'s PostgreSQL runs with " + settings);
                summary.put(side == hub ? "pg_settings" : "vanilla_pg_settings", settings);
            }
            if (vanilla != null && !hub.postgresSettings().equals(vanilla.postgresSettings())) {
                out.println("hub-bench: WARNING: the two PostgreSQL servers do not run with the same settings");
            }

            for (ServerSide side : sides) {
                PhaseResult warmup = side.warmUp(warmupBundles);
                side.report(warmup, out);
                failures.addAll(warmup.failures());
            }
            List<Integer> threadCounts = options.threads() == 1 ? List.of(1) : List.of(1, options.threads());
            for (int threads : threadCounts) {
                List<List<PreparedBundle>> halves = Abba.halves(threads == 1 ? sequentialBundles : concurrentBundles);
                for (Abba.Turn<ServerSide> turn : Abba.schedule(hub, vanilla)) {
                    PhaseResult phase = turn.side().write(threadLabel(threads) + " (" + (turn.run() + 1) + "/2)",
                            halves.get(turn.run()), threads);
                    turn.side().report(phase, out);
                    failures.addAll(phase.failures());
                }
            }

            // Searches, ABBA too; the same seed on both sides picks the same patients (by position) on each.
            Map<ServerSide, SearchLoad> searchLoads = new LinkedHashMap<>();
            sides.forEach(side -> searchLoads.put(side, new SearchLoad(side.client(), fhir, new Random(options.seed()))));
            int[] searchHalves = {(options.searches() + 1) / 2, options.searches() / 2};
            for (Abba.Turn<ServerSide> turn : Abba.schedule(hub, vanilla)) {
                SearchLoad.SearchResult result = searchLoads.get(turn.side()).run(turn.side().patientIds(),
                        turn.run() == 0 ? options.warmup() : 0,
                        searchHalves[turn.run()], shape.observations());
                turn.side().searched(result);
                out.printf(Locale.ROOT, "hub-bench: %-7s %d searches (%d/2): p50 %.1f ms, p95 %.1f ms, max %.1f ms, "
                                + "failures %d; load %s%n", turn.side().name(), result.searches(), turn.run() + 1,
                        result.latency().p50Ms(), result.latency().p95Ms(), result.latency().maxMs(),
                        result.failures().size(), ProcFs.loadAverage());
                result.failures().stream().limit(5).forEach(f -> out.println("hub-bench:   search failure: " + f));
                failures.addAll(result.failures());
            }
            SearchLoad.SearchResult search = hub.searches();
            long ticksPerSecond = ProcFs.clockTicksPerSecond();
            PeerComparison peers = null;
            if (vanilla != null) {
                // Printed now, before the hub-only gate comparison, so that it is there even if a later step fails.
                peers = compare(hub, vanilla, threadCounts, ticksPerSecond, hubProcess.jvmMemory(),
                        vanilla.process().jvmMemory());
                out.println();
                out.println("hub-bench: the hub and vanilla HAPI FHIR " + HAPI_VERSION + " in the same run (ABBA), "
                        + "load average now " + ProcFs.loadAverage() + ":");
                peers.print(out);
                out.println();
            }

            List<GateLoad.GateResult> gateResults = new ArrayList<>();
            if (options.home().isEmpty()) {
                gateResults.addAll(gateComparison(hubProcess, client, ca, fhir, failures));
            } else {
                out.println("hub-bench: gate comparison skipped on a preloaded home (it needs the demo network's"
                        + " consented patients of a fresh home)");
            }

            ProcFs.MemorySample jvmAfterLoad = hubProcess.jvmMemory();
            ProcFs.ProcessTreeMemory pgAfterLoad = hubProcess.postgresMemory();
            out.printf(Locale.ROOT, "hub-bench: after load: JVM RSS %.0f MB (peak %.0f MB); PostgreSQL %d processes, "
                            + "RSS sum %.0f MB, PSS sum %.0f MB%n", jvmAfterLoad.rssMb(), jvmAfterLoad.hwmMb(),
                    pgAfterLoad.processes(), pgAfterLoad.rssMb(), pgAfterLoad.pssMb());
            ProcFs.ProcessTreeMemory vanillaPg = vanilla == null ? null : vanilla.process().postgresMemory();

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
            if (vanilla != null) {
                vanillaStop = vanilla.process().stop(STOP_GRACE);
                out.printf(Locale.ROOT, "hub-bench: vanilla stopped %s in %.1f s (exit code %d); its PostgreSQL %s%n",
                        vanillaStop.graceful() ? "gracefully" : "FORCIBLY", seconds(vanillaStop.took()),
                        vanillaStop.exitCode(), vanillaStop.postgresStopped() ? "stopped too" : "STILL RUNNING");
            }
            stop = hubProcess.stop(STOP_GRACE);
            out.printf(Locale.ROOT, "hub-bench: hub stopped %s in %.1f s (exit code %d); embedded PostgreSQL %s%n",
                    stop.graceful() ? "gracefully" : "FORCIBLY", seconds(stop.took()), stop.exitCode(),
                    stop.postgresStopped() ? "stopped too" : "STILL RUNNING");

            summary.put("startup_to_first_metadata_s", seconds(startup), 1)
                    .put("startup_jvm_cpu_s", hub.startupJvmCpuSeconds(ticksPerSecond), 1)
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
            for (int threads : threadCounts) {
                phase(summary, "write_" + threadLabel(threads).replace(' ', '_'), hub.writes(threads),
                        hub.usage(threads).perBundle(hub.writes(threads).bundles(), ticksPerSecond));
            }
            summary.put("search_p50_ms", search.latency().p50Ms(), 1)
                    .put("search_p95_ms", search.latency().p95Ms(), 1)
                    .put("search_max_ms", search.latency().maxMs(), 1)
                    .put("search_patients", hub.patientIds().size())
                    .put("stop_graceful", stop.graceful())
                    .put("stop_s", seconds(stop.took()), 1)
                    .put("postgres_stopped", stop.postgresStopped())
                    .put("startup_target_s", STARTUP_TARGET_S, 0)
                    .put("startup_target_met", seconds(startup) <= STARTUP_TARGET_S)
                    .put("rss_target_mb", RSS_TARGET_MB, 0)
                    .put("rss_target_met", jvmAfterLoad.hwmMb() <= RSS_TARGET_MB);
            if (peers != null) {
                peers.putInto(summary);
                summary.put("vanilla_pg_pss_sum_after_load_mb", vanillaPg.pssMb(), 0)
                        .put("vanilla_stop_graceful", vanillaStop.graceful())
                        .put("vanilla_postgres_stopped", vanillaStop.postgresStopped());
            }
        } finally {
            if (hub != null) {
                hub.close();
            }
            if (vanilla != null) {
                vanilla.close();
            }
            processes.forEach(HubProcess::close);
            removeHook(cleanup);
        }

        boolean ok = failures.isEmpty() && stop.postgresStopped()
                && (vanillaStop == null || vanillaStop.postgresStopped());
        summary.put("loadavg_at_end", loadAverage())
                .put("failures", failures.size())
                .put("result", ok ? "PASS" : "FAIL");
        summary.print(out);
        return ok ? 0 : 1;
    }

    /** The consent gate's cost (issue W1-4): the same queries as the data's own facility and as a consented other. */
    private List<GateLoad.GateResult> gateComparison(HubProcess hub, FhirLoadClient client, Path ca, FhirContext fhir,
                                                     List<String> failures) throws IOException, InterruptedException {
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
        return gateResults;
    }

    /**
     * The vanilla server has no facility registry: the Organization the bundles reference by conditional URL
     * ({@code Organization?identifier=<medical-institution number system>|<code>}) is created first, as the hub's
     * demo network creates it.
     */
    private static void createHospital(FhirLoadClient vanilla, FhirContext fhir) throws IOException, InterruptedException {
        Organization hospital = new Organization();
        hospital.addIdentifier().setSystem(JpCoreSystems.MEDICAL_INSTITUTION_NO).setValue(DemoFacility.HOSPITAL.code());
        hospital.setName(DemoFacility.HOSPITAL.name());
        FhirLoadClient.TimedResponse response = vanilla.postResource("Organization",
                fhir.newJsonParser().encodeResourceToString(hospital));
        if (response.status() != 201) {
            throw new IllegalStateException("The vanilla server refused the hospital Organization: HTTP "
                    + response.status() + " " + TransactionLoad.abbreviate(response.body()));
        }
    }

    private static PeerComparison compare(ServerSide hub, ServerSide vanilla, List<Integer> threadCounts,
                                          long ticksPerSecond, ProcFs.MemorySample hubJvm,
                                          ProcFs.MemorySample vanillaJvm) {
        PeerComparison peers = new PeerComparison()
                .add("Start-up to first 200 on /fhir/metadata (s)", "startup_s",
                        seconds(hub.startup()), seconds(vanilla.startup()), 1)
                .add("  JVM CPU to first /fhir/metadata (s)", "startup_jvm_cpu_s",
                        hub.startupJvmCpuSeconds(ticksPerSecond), vanilla.startupJvmCpuSeconds(ticksPerSecond), 1)
                .add("Peak JVM RSS after writes and searches (MB)", "jvm_hwm_mb", hubJvm.hwmMb(), vanillaJvm.hwmMb(), 0);
        for (int threads : threadCounts) {
            String label = "Writes, " + threadLabel(threads);
            String key = "write_" + threadLabel(threads).replace(' ', '_');
            PhaseResult h = hub.writes(threads);
            PhaseResult v = vanilla.writes(threads);
            ServerUsage.PerBundle hu = hub.usage(threads).perBundle(h.bundles(), ticksPerSecond);
            ServerUsage.PerBundle vu = vanilla.usage(threads).perBundle(v.bundles(), ticksPerSecond);
            peers.add(label + " (resources/s)", key + "_resources_per_s", h.resourcesPerSecond(),
                            v.resourcesPerSecond(), 0)
                    .add("  bundle latency p50 (ms)", key + "_bundle_p50_ms", h.latency().p50Ms(), v.latency().p50Ms(), 1)
                    .add("  bundle latency p95 (ms)", key + "_bundle_p95_ms", h.latency().p95Ms(), v.latency().p95Ms(), 1)
                    .add("  JVM CPU per bundle (ms)", key + "_jvm_cpu_ms_per_bundle", hu.jvmCpuMs(), vu.jvmCpuMs(), 1)
                    .add("    request threads", key + "_request_threads_cpu_ms_per_bundle",
                            hu.requestThreadsCpuMs(), vu.requestThreadsCpuMs(), 1)
                    .add("    JIT compilers", key + "_compilers_cpu_ms_per_bundle", hu.compilersCpuMs(),
                            vu.compilersCpuMs(), 1)
                    .add("    VM threads (collections)", key + "_vm_threads_cpu_ms_per_bundle", hu.vmThreadsCpuMs(),
                            vu.vmThreadsCpuMs(), 1)
                    .add("    other threads", key + "_other_threads_cpu_ms_per_bundle", hu.otherThreadsCpuMs(),
                            vu.otherThreadsCpuMs(), 1)
                    .add("  PostgreSQL CPU per bundle (ms)", key + "_pg_cpu_ms_per_bundle", hu.postgresCpuMs(),
                            vu.postgresCpuMs(), 1)
                    .add("  commits per bundle", key + "_commits_per_bundle", hu.commits(), vu.commits(), 2)
                    .add("  WAL per bundle (kB)", key + "_wal_kb_per_bundle", hu.walBytes() / 1024,
                            vu.walBytes() / 1024, 1);
        }
        SearchLoad.SearchResult hs = hub.searches();
        SearchLoad.SearchResult vs = vanilla.searches();
        return peers.add("Search Observation?patient=&_sort=-date p50 (ms)", "search_p50_ms", hs.latency().p50Ms(),
                        vs.latency().p50Ms(), 1)
                .add("  p95 (ms)", "search_p95_ms", hs.latency().p95Ms(), vs.latency().p95Ms(), 1);
    }

    private static String threadLabel(int threads) {
        return threads + (threads == 1 ? " thread" : " threads");
    }

    private static void phase(Summary summary, String prefix, PhaseResult phase, ServerUsage.PerBundle usage) {
        summary.put(prefix + "_bundles", phase.bundles())
                .put(prefix + "_resources", phase.resources())
                .put(prefix + "_elapsed_s", phase.elapsedSeconds(), 2)
                .put(prefix + "_resources_per_s", phase.resourcesPerSecond(), 0)
                .put(prefix + "_bundle_p50_ms", phase.latency().p50Ms(), 1)
                .put(prefix + "_bundle_p95_ms", phase.latency().p95Ms(), 1)
                .put(prefix + "_bundle_max_ms", phase.latency().maxMs(), 1)
                .put(prefix + "_failures", phase.failures().size())
                .put(prefix + "_jvm_cpu_ms_per_bundle", usage.jvmCpuMs(), 1)
                .put(prefix + "_request_threads_cpu_ms_per_bundle", usage.requestThreadsCpuMs(), 1)
                .put(prefix + "_compilers_cpu_ms_per_bundle", usage.compilersCpuMs(), 1)
                .put(prefix + "_vm_threads_cpu_ms_per_bundle", usage.vmThreadsCpuMs(), 1)
                .put(prefix + "_other_threads_cpu_ms_per_bundle", usage.otherThreadsCpuMs(), 1)
                .put(prefix + "_pg_cpu_ms_per_bundle", usage.postgresCpuMs(), 1)
                .put(prefix + "_commits_per_bundle", usage.commits(), 2)
                .put(prefix + "_wal_kb_per_bundle", usage.walBytes() / 1024, 1);
    }

    private Summary machineFacts(HubProcess.Launch launch, Path jar, Optional<Path> jpCore) {
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
                .put("hub_jar", jar)
                .put("launch", options.launch().name().toLowerCase(Locale.ROOT))
                .put("fhir_packages", jpCore.map(Path::toString).orElse("none"))
                .put("loadavg_at_start", loadAverage());
    }

    /** Options from config/jvm.options, one a line; '#' comments and blank lines skipped, as ./hub does. */
    public static List<String> readJvmOptions(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    public static Path findExecJar(Path repo) {
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
