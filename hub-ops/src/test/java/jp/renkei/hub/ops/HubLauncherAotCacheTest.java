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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jp.renkei.hub.bench.FhirLoadClient;
import jp.renkei.hub.bench.HubProcess;
import org.junit.jupiter.api.Test;

/**
 * {@code ./hub} on a JDK 25 or later (chosen with {@code JAVA_HOME}, as an operator would): {@code ./hub prepare}
 * makes an AOT cache instead of JDK 17's AppCDS archive, and {@code ./hub start} launches the hub with it and the hub
 * answers {@code /fhir/metadata}. {@code -XX:AOTMode=on} makes the proof strict: with it the JVM refuses to start
 * on a cache it cannot use, where it would otherwise start without one and only warn. Skipped where no JDK 25 or
 * later is installed under {@code /usr/lib/jvm} (the java-maven machines have Temurin 25 there).
 */
class HubLauncherAotCacheTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path CDS = REPO.resolve("hub-app/target/cds");
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    @Test
    void prepareMakesAnAotCacheAndTheHubStartsWithIt() throws Exception {
        Optional<Path> jdk = jdkWithAotCache();
        assumeTrue(jdk.isPresent(), "no JDK 25 or later under /usr/lib/jvm");

        ProcessBuilder prepare = new ProcessBuilder("bash", REPO.resolve("hub").toString(), "prepare")
                .directory(REPO.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        prepare.environment().put("JAVA_HOME", jdk.get().toString());
        Process preparing = prepare.start();
        assertThat(preparing.waitFor(10, TimeUnit.MINUTES)).as("./hub prepare within 10 minutes").isTrue();
        assertThat(preparing.exitValue()).as("./hub prepare's exit code").isZero();
        assertThat(CDS.resolve("hub.aot")).as("the AOT cache (see %s)", CDS.resolve("training.log"))
                .isNotEmptyFile();
        assertThat(CDS.resolve("hub.jsa")).as("no JDK 17 archive beside it").doesNotExist();

        // ./hub start execs the JVM, so the process started here is the hub's JVM itself.
        HubProcess.Launch launch = new HubProcess.Launch(Path.of("bash"), List.of(),
                List.of(REPO.resolve("hub").toString(), "start"),
                Map.of("JAVA_HOME", jdk.get().toString(), "JAVA_OPTS", "-XX:AOTMode=on"));
        try (HubProcess hub = HubProcess.start(launch, false)) {
            Path ca = hub.home().resolve("pki/ca.crt");
            Duration took = hub.awaitFirstMetadata(() -> FhirLoadClient.forHub(hub.port(), ca, Optional.empty()),
                    Duration.ofMinutes(5));
            String commandLine = Files.readString(Path.of("/proc", Long.toString(hub.pid()), "cmdline"))
                    .replace('\0', ' ');
            assertThat(commandLine).as("the hub's JVM").contains("-XX:AOTCache=hub-app/target/cds/hub.aot")
                    .contains("-XX:AOTMode=on").contains(CDS.resolve("app").toString());
            assertThat(Path.of("/proc", Long.toString(hub.pid()), "exe").toRealPath())
                    .as("the JVM of JAVA_HOME").startsWith(jdk.get().toRealPath());
            System.out.printf("hub on %s with its AOT cache: first /fhir/metadata after %.1f s%n",
                    jdk.get().getFileName(), took.toMillis() / 1000.0);
        }
    }

    /** The newest JDK of version 25 or later under /usr/lib/jvm, by its {@code release} file. */
    private static Optional<Path> jdkWithAotCache() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> majorVersion(home) >= 25)
                    .max(Comparator.comparingInt(HubLauncherAotCacheTest::majorVersion));
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
