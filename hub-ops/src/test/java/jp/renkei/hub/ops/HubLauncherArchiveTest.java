package jp.renkei.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jp.renkei.hub.bench.FhirLoadClient;
import jp.renkei.hub.bench.HubProcess;
import org.junit.jupiter.api.Test;

/**
 * {@code ./hub prepare} and {@code ./hub start} with class-data sharing, on each kind of JDK it supports: on JDK 25
 * or later {@code prepare} makes an AOT cache, on JDK 17 an AppCDS archive, never both; {@code start} launches the
 * hub with it and the hub answers {@code /fhir/metadata}. The JDK 25 case runs without {@code JAVA_HOME}, as on the
 * project's machines, where the launcher picks Temurin 25 itself over {@code PATH}'s OpenJDK 17 (the JVM that runs
 * must be the one {@code ./hub java} names); the JDK 17 case chooses it with {@code JAVA_HOME}, as an operator would.
 * The JVM's strict mode makes the proof ({@code -XX:AOTMode=on}, {@code -Xshare:on}): with it the JVM refuses to
 * start on an archive it cannot map, where it would otherwise start without one and only warn. Each case is
 * skipped where its JDK is not there (no JDK 17 under {@code /usr/lib/jvm}; a launcher choice older than 25).
 */
class HubLauncherArchiveTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path CDS = REPO.resolve("hub-app/target/cds");
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    @Test
    void withoutJavaHomeTheLauncherPicksJdk25AndStartsWithItsAotCache() throws Exception {
        // An empty JAVA_HOME counts as unset for the launcher (the test's own environment may set one).
        Path java = launcherJava("");
        assumeTrue(majorVersion(java.toRealPath().getParent().getParent()) >= 25,
                "the launcher picks " + java + " here, older than JDK 25");
        prepareAndStart("", java, "hub.aot", "hub.jsa", "-XX:AOTMode=on", "-XX:AOTCache=hub-app/target/cds/hub.aot");
    }

    @Test
    void onJdk17PrepareMakesAnAppCdsArchiveAndTheHubStartsWithIt() throws Exception {
        Optional<Path> jdk = newestJdk(major -> major == 17);
        assumeTrue(jdk.isPresent(), "no JDK 17 under /usr/lib/jvm");
        Path java = launcherJava(jdk.get().toString());
        assertThat(java).as("./hub java with JAVA_HOME").isEqualTo(jdk.get().resolve("bin/java"));
        prepareAndStart(jdk.get().toString(), java, "hub.jsa", "hub.aot", "-Xshare:on",
                "-XX:SharedArchiveFile=hub-app/target/cds/hub.jsa");
    }

    /** The java {@code ./hub java} names for this {@code JAVA_HOME} (empty: none). */
    private static Path launcherJava(String javaHome) throws Exception {
        ProcessBuilder which = new ProcessBuilder("bash", REPO.resolve("hub").toString(), "java")
                .directory(REPO.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        which.environment().put("JAVA_HOME", javaHome);
        Process asking = which.start();
        String answer = new String(asking.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(asking.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(asking.exitValue()).as("./hub java's exit code").isZero();
        return Path.of(answer);
    }

    private static void prepareAndStart(String javaHome, Path java, String archive, String notArchive, String strict,
                                        String option) throws Exception {
        ProcessBuilder prepare = new ProcessBuilder("bash", REPO.resolve("hub").toString(), "prepare")
                .directory(REPO.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        prepare.environment().put("JAVA_HOME", javaHome);
        Process preparing = prepare.start();
        assertThat(preparing.waitFor(10, TimeUnit.MINUTES)).as("./hub prepare within 10 minutes").isTrue();
        assertThat(preparing.exitValue()).as("./hub prepare's exit code").isZero();
        assertThat(CDS.resolve(archive)).as("the archive (see %s)", CDS.resolve("training.log")).isNotEmptyFile();
        assertThat(CDS.resolve(notArchive)).as("no archive of the other kind beside it").doesNotExist();

        // ./hub start execs the JVM, so the process started here is the hub's JVM itself.
        HubProcess.Launch launch = new HubProcess.Launch(Path.of("bash"), List.of(),
                List.of(REPO.resolve("hub").toString(), "start"),
                Map.of("JAVA_HOME", javaHome, "JAVA_OPTS", strict));
        try (HubProcess hub = HubProcess.start(launch, false)) {
            Path ca = hub.home().resolve("pki/ca.crt");
            Duration took = hub.awaitFirstMetadata(() -> FhirLoadClient.forHub(hub.port(), ca, Optional.empty()),
                    Duration.ofMinutes(5));
            String commandLine = Files.readString(Path.of("/proc", Long.toString(hub.pid()), "cmdline"))
                    .replace('\0', ' ');
            assertThat(commandLine).as("the hub's JVM").contains(option).contains(strict)
                    .contains(CDS.resolve("app").toString());
            assertThat(Path.of("/proc", Long.toString(hub.pid()), "exe").toRealPath())
                    .as("the JVM ./hub java names").isEqualTo(java.toRealPath());
            System.out.printf("hub on %s with %s: first /fhir/metadata after %.1f s%n",
                    java, archive, took.toMillis() / 1000.0);
        }
    }

    /** The newest JDK under /usr/lib/jvm whose major version passes, by its {@code release} file (no aliases). */
    private static Optional<Path> newestJdk(IntPredicate major) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> !Files.isSymbolicLink(home) && Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> major.test(majorVersion(home)))
                    .max(Comparator.comparingInt(HubLauncherArchiveTest::majorVersion));
        }
    }

    private static int majorVersion(Path home) {
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
