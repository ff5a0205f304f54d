package jp.renkei.hub.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the benchmark launches the hub. {@link #HUB} is what {@code ./hub start} runs: the unpacked jar with the
 * class-data-sharing archive that {@code ./hub prepare} records ({@code hub-app/target/cds}) for the same java: an
 * AOT cache with JDK 25 and later, a static AppCDS archive with JDK 17; {@link #JAR} is the plain
 * {@code java -jar hub-app-*-exec.jar}. Preparing happens before the launch, so it is not part of start-up.
 */
public enum HubLaunchMode {
    HUB, JAR;

    static HubLaunchMode parse(String value) {
        return switch (value) {
            case "hub" -> HUB;
            case "jar" -> JAR;
            default -> throw new BenchOptions.UsageException("--launch is hub or jar, not " + value);
        };
    }

    /** The options and jar to launch with; for {@link #HUB}, runs {@code ./hub prepare} first. */
    HubProcess.Launch launch(Path repo, Path javaBinary, List<String> jvmOptions, Path plainJar,
                             java.util.Map<String, String> environment) throws IOException, InterruptedException {
        if (this == JAR) {
            return new HubProcess.Launch(javaBinary, jvmOptions, plainJar, environment);
        }
        // ./hub runs $JAVA_HOME's java: the archive must be made by the very java that launches the hub.
        ProcessBuilder preparing = new ProcessBuilder("bash", repo.resolve("hub").toString(), "prepare")
                .directory(repo.toFile()).inheritIO();
        preparing.environment().put("JAVA_HOME", javaBinary.getParent().getParent().toString());
        Process prepare = preparing.start();
        if (!prepare.waitFor(15, TimeUnit.MINUTES) || prepare.exitValue() != 0) {
            prepare.destroyForcibly();
            throw new IllegalStateException("./hub prepare failed");
        }
        Path cds = repo.resolve("hub-app/target/cds");
        Path aotCache = cds.resolve("hub.aot");
        Path appCds = cds.resolve("hub.jsa");
        List<String> options = new ArrayList<>(jvmOptions);
        if (Files.isRegularFile(aotCache)) {
            options.add("-XX:AOTCache=" + aotCache);
        } else if (Files.isRegularFile(appCds)) {
            options.add("-XX:SharedArchiveFile=" + appCds);
        } else {
            throw new IllegalStateException("./hub prepare recorded no archive (see " + cds.resolve("training.log")
                    + "); measure the plain jar with --launch jar");
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(cds.resolve("app"), "hub-app-*-exec.jar")) {
            for (Path jar : jars) {
                return new HubProcess.Launch(javaBinary, options, jar, environment);
            }
        }
        throw new IllegalStateException("No unpacked hub jar in " + cds.resolve("app"));
    }
}
