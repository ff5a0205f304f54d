package jp.renkei.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which java {@code ./hub} runs ({@code ./hub java} prints it): {@code JAVA_HOME}'s when set; else PATH's, unless
 * that is older than JDK 25 and a JDK 25 or later is installed where JDKs live ({@code RENKEI_JDKS}, by default
 * {@code /usr/lib/jvm}): then the newest such. Proven on a directory of fake JDK homes (a {@code release} file
 * and an executable {@code bin/java}), so the answer does not depend on what this machine has installed.
 */
class HubLauncherJavaChoiceTest {

    private static final Path HUB = Path.of("").toAbsolutePath().getParent().resolve("hub");

    @TempDir
    Path dir;

    @Test
    void anOlderJavaOnPathGivesWayToTheNewestInstalledJdk25OrLater() throws Exception {
        Path jdks = jdks("jdk-17", "17.0.15", "jdk-25", "25.0.1", "jdk-26", "26", "broken", null);
        // A symbolic link is an alias of a JDK home (Debian's java-1.17.0-openjdk-amd64), never a JDK of its own.
        Path outside = jdk(dir.resolve("elsewhere"), "jdk-27", "27");
        Files.createSymbolicLink(jdks.resolve("alias-27"), outside);

        assertThat(hubJava(jdks, pathWith(jdks.resolve("jdk-17")), null))
                .isEqualTo(jdks.resolve("jdk-26/bin/java").toString());
    }

    @Test
    void aJdk25OrLaterOnPathIsKept() throws Exception {
        Path jdks = jdks("jdk-25", "25.0.1", "jdk-26", "26");

        assertThat(hubJava(jdks, pathWith(jdks.resolve("jdk-25")), null))
                .isEqualTo(dir.resolve("path/java").toString());
    }

    @Test
    void withoutAJdk25OrLaterPathsJavaRuns() throws Exception {
        Path jdks = jdks("jdk-17", "17.0.15", "jdk-21", "21.0.7");

        assertThat(hubJava(jdks, pathWith(jdks.resolve("jdk-17")), null))
                .isEqualTo(dir.resolve("path/java").toString());
    }

    @Test
    void javaHomeAlwaysWins() throws Exception {
        Path jdks = jdks("jdk-17", "17.0.15", "jdk-26", "26");

        assertThat(hubJava(jdks, pathWith(jdks.resolve("jdk-26")), jdks.resolve("jdk-17")))
                .isEqualTo(jdks.resolve("jdk-17/bin/java").toString());
    }

    /** Fake JDK homes under {@code dir/jdks}: name and version pairs (a null version: no release file). */
    private Path jdks(String... namesAndVersions) throws IOException {
        Path jdks = Files.createDirectories(dir.resolve("jdks"));
        for (int i = 0; i < namesAndVersions.length; i += 2) {
            jdk(jdks, namesAndVersions[i], namesAndVersions[i + 1]);
        }
        return jdks;
    }

    private static Path jdk(Path parent, String name, String version) throws IOException {
        Path home = Files.createDirectories(parent.resolve(name).resolve("bin"));
        Path java = home.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho fake java\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (version != null) {
            Files.writeString(parent.resolve(name).resolve("release"),
                    "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n", StandardCharsets.UTF_8);
        }
        return parent.resolve(name);
    }

    /** A PATH whose java is a link to {@code jdk}'s, as /usr/bin/java is to the system's default JDK. */
    private String pathWith(Path jdk) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("path"));
        Files.createSymbolicLink(bin.resolve("java"), jdk.resolve("bin/java"));
        return bin + ":/usr/bin:/bin";
    }

    private static String hubJava(Path jdks, String path, Path javaHome) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", HUB.toString(), "java").redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("JAVA_HOME");
        env.put("PATH", path);
        env.put("RENKEI_JDKS", jdks.toString());
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome.toString());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
