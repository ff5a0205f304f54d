package jp.renkei.hub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The packaged hub running as a child process, launched the way an operator launches it
 * ({@code java <config/jvm.options> -jar hub-app-*-exec.jar}) on a fresh, throw-away {@code RENKEI_HOME}; also the
 * vanilla HAPI server ({@code VanillaHapiServer}), which keeps the same contract: its home in {@code RENKEI_HOME},
 * its embedded PostgreSQL in {@code pgdata/} there, HTTP on {@code RENKEI_PORT}.
 * It owns that home directory and everything started in it: {@link #close()} stops the hub, makes sure
 * the embedded PostgreSQL it started is gone too, and deletes the directory.
 */
public final class HubProcess implements AutoCloseable {

    /**
     * How to launch: the JVM binary, its options, what to run ({@code -jar <exec jar>}, or {@code -cp <classpath>
     * <main class>} for the vanilla HAPI server) and extra environment variables.
     */
    public record Launch(Path javaBinary, List<String> jvmOptions, List<String> program, Map<String, String> environment) {

        /** The packaged hub: {@code java <options> -jar <jar>}. */
        public Launch(Path javaBinary, List<String> jvmOptions, Path jar, Map<String, String> environment) {
            this(javaBinary, jvmOptions, List.of("-jar", jar.toString()), environment);
        }

        /**
         * The packaged hub of the checkout {@code repo} ({@code hub-app/target/hub-app-*-exec.jar}) with the options
         * of {@code config/jvm.options} and this JVM's java: what an out-of-process test launches.
         */
        public static Launch packagedHub(Path repo, Map<String, String> environment) throws IOException {
            return new Launch(Path.of(System.getProperty("java.home"), "bin", "java"),
                    HubBenchmark.readJvmOptions(repo.resolve("config/jvm.options")), HubBenchmark.findExecJar(repo),
                    environment);
        }

        List<String> command() {
            List<String> command = new ArrayList<>();
            command.add(javaBinary.toString());
            command.addAll(jvmOptions);
            command.addAll(program);
            return command;
        }
    }

    /** How stopping went: whether SIGTERM sufficed, how long it took, and whether PostgreSQL went with it. */
    public record StopReport(boolean graceful, Duration took, int exitCode, boolean postgresStopped) {
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    // Inherited variables that would change what is measured: another database, JVM options outside jvm.options.
    private static final List<String> SCRUBBED_PREFIXES = List.of("RENKEI_", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
            "_JAVA_OPTIONS");

    private final Process process;
    private final long launchedAtNanos;
    private final Path home;
    private final Path consoleLog;
    private final int port;
    private final boolean keepHome;
    private Long postmasterPid;
    private boolean closed;

    private HubProcess(Process process, long launchedAtNanos, Path home, Path consoleLog, int port,
                       boolean keepHome) {
        this.process = process;
        this.launchedAtNanos = launchedAtNanos;
        this.home = home;
        this.consoleLog = consoleLog;
        this.port = port;
        this.keepHome = keepHome;
    }

    /** Starts the hub on a free port with a new temporary home; output goes to {@code hub-console.log} there. */
    public static HubProcess start(Launch launch, boolean keepHome) throws IOException {
        return start(launch, Files.createTempDirectory("renkei-bench-"), keepHome);
    }

    /** Starts the hub on a free port with {@code home} as its home, kept afterwards unless {@code keepHome} is false. */
    public static HubProcess start(Launch launch, Path home, boolean keepHome) throws IOException {
        int port = freePort();
        Path consoleLog = home.resolve("hub-console.log");
        ProcessBuilder builder = new ProcessBuilder(launch.command())
                .directory(home.toFile())
                .redirectErrorStream(true)
                // appended: a hub restarted on the same home (after a kill) keeps the earlier runs' output
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> SCRUBBED_PREFIXES.stream().anyMatch(name::startsWith));
        environment.putAll(launch.environment());
        environment.put("RENKEI_HOME", home.toString());
        environment.put("RENKEI_PORT", Integer.toString(port));
        long launchedAt = System.nanoTime();
        try {
            return new HubProcess(builder.start(), launchedAt, home, consoleLog, port, keepHome);
        } catch (IOException e) {
            deleteRecursively(home);
            throw e;
        }
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    /**
     * Polls {@code GET /fhir/metadata} until it answers 200 and returns the time from process launch to that
     * answer: what a user waits before the hub is usable.
     */
    public Duration awaitFirstMetadata(Supplier<FhirLoadClient> clients, Duration limit) throws InterruptedException {
        long deadline = launchedAtNanos + limit.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The hub exited with code " + process.exitValue()
                        + " during start-up.\n" + logTail(60));
            }
            try {
                Duration remaining = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
                // The hub creates its CA early in start-up; until then there is nothing to trust.
                FhirLoadClient client = clients.get();
                FhirLoadClient.TimedResponse response = client.get("metadata", min(remaining, Duration.ofSeconds(30)));
                if (response.status() == 200) {
                    return Duration.ofNanos(System.nanoTime() - launchedAtNanos);
                }
                lastProblem = "HTTP " + response.status();
            } catch (IOException | UncheckedIOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        throw new IllegalStateException("No HTTP 200 from /fhir/metadata within " + limit.toSeconds()
                + " s of launch (last: " + lastProblem + ").\n" + logTail(60));
    }

    /** Waits until the hub reports itself ready: its start-up work, the demo network included, is done. */
    public void awaitReadiness(FhirLoadClient client, Duration limit) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (client.getPath("/actuator/health/readiness", Duration.ofSeconds(10)).status() == 200) {
                return;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        throw new IllegalStateException("The hub did not become ready within " + limit.toSeconds() + " s.\n" + logTail(60));
    }

    public ProcFs.MemorySample jvmMemory() {
        return ProcFs.memory(process.pid());
    }

    /** Memory of the embedded PostgreSQL: a separate process tree, not a child of the hub's JVM. */
    public ProcFs.ProcessTreeMemory postgresMemory() {
        return ProcFs.treeMemory(postmasterPid().orElseThrow(
                () -> new IllegalStateException("No running embedded PostgreSQL in " + home.resolve("pgdata"))));
    }

    /** CPU time of the JVM so far, all threads, in clock ticks. */
    public long jvmCpuTicks() {
        return ProcFs.cpuTicks(process.pid());
    }

    /** CPU time of the JVM's live threads so far by kind (requests, JIT compilers, VM), in clock ticks. */
    public JvmThreadCpu jvmThreadCpuTicks() {
        return ProcFs.jvmThreadCpuTicks(process.pid());
    }

    /** CPU time of the embedded PostgreSQL so far (postmaster, backends, ended backends), in clock ticks. */
    public long postgresCpuTicks() {
        return ProcFs.treeCpuTicks(postmasterPid().orElseThrow(
                () -> new IllegalStateException("No running embedded PostgreSQL in " + home.resolve("pgdata"))));
    }

    /** The embedded PostgreSQL's TCP port: line 4 of {@code pgdata/postmaster.pid}. */
    public int postgresPort() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("pgdata/postmaster.pid"));
            return Integer.parseInt(lines.get(3).trim());
        } catch (IOException | IndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalStateException("Cannot read the embedded PostgreSQL's port from "
                    + home.resolve("pgdata/postmaster.pid") + ": " + e.getMessage());
        }
    }

    /** The postmaster's pid, from the first line of {@code pgdata/postmaster.pid}; remembered once read. */
    public synchronized Optional<Long> postmasterPid() {
        if (postmasterPid == null) {
            Path pidFile = home.resolve("pgdata/postmaster.pid");
            try {
                List<String> lines = Files.isRegularFile(pidFile) ? Files.readAllLines(pidFile) : List.of();
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    postmasterPid = Long.parseLong(lines.get(0).trim());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.ofNullable(postmasterPid);
    }

    /** Stops the hub the way a service manager does (SIGTERM), force-kills it only after {@code grace}. */
    public synchronized StopReport stop(Duration grace) throws InterruptedException {
        postmasterPid(); // read it while the file still exists
        long started = System.nanoTime();
        process.destroy();
        boolean graceful = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        if (!graceful) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        boolean postgresStopped = awaitPostgresGone(Duration.ofSeconds(10));
        return new StopReport(graceful, took, process.isAlive() ? -1 : process.exitValue(), postgresStopped);
    }

    /**
     * Kills the hub's JVM with SIGKILL ({@code kill -9}: {@link Process#destroyForcibly()} on Linux), as a power
     * cut or the OOM killer would: no shutdown hook runs. The embedded PostgreSQL is a separate process and
     * survives, orphaned, holding the data directory; the hub started next on this home must cope with it.
     * Returns the exit code, 137 (128 + signal 9) when SIGKILL ended it.
     */
    public synchronized int kill() throws InterruptedException {
        postmasterPid(); // remember the orphan's pid, so close() never mistakes a later postmaster for it
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pid " + process.pid() + " still alive 30 s after SIGKILL");
        }
        return process.exitValue();
    }

    /** The last lines of the hub's console output, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(consoleLog);
            return "---- last " + Math.min(lines, all.size()) + " lines of " + consoleLog + " ----\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + consoleLog + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Idempotent clean-up, also run from the shutdown hook: the hub, then a PostgreSQL left behind (never
     * delete a data directory under a running server), then the temporary home.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (process.isAlive()) {
                stop(Duration.ofSeconds(60));
            }
            postmasterPid().flatMap(ProcessHandle::of).filter(HubProcess::isPostgres).ifPresent(orphan -> {
                System.err.println("WARNING: stopping PostgreSQL pid " + orphan.pid() + " left by the hub");
                orphan.destroy(); // SIGTERM: PostgreSQL's "smart" shutdown
                try {
                    orphan.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    orphan.destroyForcibly();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            if (keepHome) {
                System.err.println("Kept the hub's home: " + home);
            } else {
                deleteRecursively(home);
            }
        }
    }

    private boolean awaitPostgresGone(Duration limit) throws InterruptedException {
        Optional<Long> pid = postmasterPid();
        if (pid.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid.get()).filter(HubProcess::isPostgres).isEmpty()) {
                return true;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return false;
    }

    // The pid may have been reused by an unrelated process once PostgreSQL has exited.
    private static boolean isPostgres(ProcessHandle handle) {
        return handle.isAlive() && handle.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    System.err.println("WARNING: cannot delete " + path + ": " + e.getMessage());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("WARNING: cannot delete " + root + ": " + e.getMessage());
        }
    }
}
