package jp.renkei.hub.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jp.renkei.hub.bench.SearchLoad.SearchResult;
import jp.renkei.hub.bench.SyntheticBundles.PreparedBundle;
import jp.renkei.hub.bench.TransactionLoad.PhaseResult;

/**
 * One server measured in a run, the hub or the vanilla HAPI peer: its process, its FHIR client, its PostgreSQL's
 * counters, and what its phases measured. A write phase is framed by samples of the server's CPU (JVM and
 * PostgreSQL), commits and WAL, so that its cost per bundle can be told apart from the other server's.
 */
final class ServerSide implements AutoCloseable {

    private final String name;
    private final HubProcess process;
    private final FhirLoadClient client;
    private final PostgresCounters counters;
    private final TransactionLoad load;
    private final Duration startup;
    private final long startupJvmCpuTicks;
    private final Map<Integer, List<PhaseResult>> writes = new LinkedHashMap<>();
    private final Map<Integer, ServerUsage> usage = new LinkedHashMap<>();
    private final List<SearchResult> searches = new ArrayList<>();

    /** @param startupJvmCpuTicks CPU the JVM had used when its first {@code /metadata} answered (all threads) */
    ServerSide(String name, HubProcess process, FhirLoadClient client, TransactionLoad load, Duration startup,
               long startupJvmCpuTicks) {
        this.name = name;
        this.process = process;
        this.client = client;
        this.load = load;
        this.startup = startup;
        this.startupJvmCpuTicks = startupJvmCpuTicks;
        this.counters = PostgresCounters.connect(process.postgresPort());
    }

    String name() {
        return name;
    }

    HubProcess process() {
        return process;
    }

    FhirLoadClient client() {
        return client;
    }

    /** fsync, full-page writes, synchronous commit, WAL sync method and version of its PostgreSQL, as it runs. */
    String postgresSettings() {
        return counters.durabilitySettings();
    }

    Duration startup() {
        return startup;
    }

    /** JVM CPU seconds to the first {@code /metadata}: unlike the wall time, hardly moved by a busy machine. */
    double startupJvmCpuSeconds(long ticksPerSecond) {
        return (double) startupJvmCpuTicks / ticksPerSecond;
    }

    /** Unmeasured: fills caches and the JIT before anything counts. */
    PhaseResult warmUp(List<PreparedBundle> bundles) throws InterruptedException {
        return load.run(name + " warm-up", bundles, 1);
    }

    /** A measured write phase, framed by usage samples taken once the database's counters have settled. */
    PhaseResult write(String phase, List<PreparedBundle> bundles, int threads) throws InterruptedException {
        long commitsBefore = counters.settledCommits();
        PostgresCounters.Sample walBefore = counters.sample();
        long jvmBefore = process.jvmCpuTicks();
        JvmThreadCpu threadsBefore = process.jvmThreadCpuTicks();
        long postgresBefore = process.postgresCpuTicks();
        PhaseResult result = load.run(name + " " + phase, bundles, threads);
        long jvmAfter = process.jvmCpuTicks();
        JvmThreadCpu threadsAfter = process.jvmThreadCpuTicks();
        long postgresAfter = process.postgresCpuTicks();
        PostgresCounters.Sample walAfter = counters.sample();
        long commitsAfter = counters.settledCommits();
        ServerUsage spent = new ServerUsage(jvmAfter - jvmBefore, threadsAfter.minus(threadsBefore),
                postgresAfter - postgresBefore,
                commitsAfter - commitsBefore, walAfter.walBytes() - walBefore.walBytes());
        writes.computeIfAbsent(threads, t -> new ArrayList<>()).add(result);
        usage.merge(threads, spent, ServerUsage::plus);
        return result;
    }

    void searched(SearchResult result) {
        searches.add(result);
    }

    /** All write phases with {@code threads} client threads, taken as one. */
    PhaseResult writes(int threads) {
        return PhaseResult.combine(threads + (threads == 1 ? " thread" : " threads"),
                writes.getOrDefault(threads, List.of()));
    }

    ServerUsage usage(int threads) {
        return usage.getOrDefault(threads, ServerUsage.NONE);
    }

    SearchResult searches() {
        return SearchResult.combine(searches);
    }

    /** Patient ids of every measured write, in the order they were written. */
    List<String> patientIds() {
        List<String> ids = new ArrayList<>();
        writes.values().forEach(phases -> phases.forEach(phase -> ids.addAll(phase.patientIds())));
        return ids;
    }

    void report(PhaseResult phase, PrintStream out) {
        out.printf(Locale.ROOT, "hub-bench: %-26s %4d bundles, %5d resources in %6.1f s = %6.1f resources/s; "
                        + "bundle latency p50 %.0f ms, p95 %.0f ms, max %.0f ms; failures %d; load %s%n",
                phase.name(), phase.bundles(), phase.resources(), phase.elapsedSeconds(), phase.resourcesPerSecond(),
                phase.latency().p50Ms(), phase.latency().p95Ms(), phase.latency().maxMs(), phase.failures().size(),
                ProcFs.loadAverage());
        phase.failures().stream().limit(5).forEach(f -> out.println("hub-bench:   failure: " + f));
    }

    @Override
    public void close() {
        counters.close();
        process.close();
    }
}
