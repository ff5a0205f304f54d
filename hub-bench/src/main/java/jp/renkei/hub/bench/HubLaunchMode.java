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
 * class-data-sharing archive that {@code ./hub prepare} records ({@code hub-app/target/cds}); {@link #JAR} is the
 * plain {@code java -jar hub-app-*-exec.jar}. Preparing happens before the launch, so it is not part of start-up.
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
        Process prepare = new ProcessBuilder("bash", repo.resolve("hub").toString(), "prepare")
                .directory(repo.toFile()).inheritIO().start();
        if (!prepare.waitFor(15, TimeUnit.MINUTES) || prepare.exitValue() != 0) {
            prepare.destroyForcibly();
            throw new IllegalStateException("./hub prepare failed");
        }
        Path cds = repo.resolve("hub-app/target/cds");
        Path archive = cds.resolve("hub.jsa");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("./hub prepare recorded no archive (see " + cds.resolve("training.log")
                    + "); measure the plain jar with --launch jar");
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-XX:SharedArchiveFile=" + archive);
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(cds.resolve("app"), "hub-app-*-exec.jar")) {
            for (Path jar : jars) {
                return new HubProcess.Launch(javaBinary, options, jar, environment);
            }
        }
        throw new IllegalStateException("No unpacked hub jar in " + cds.resolve("app"));
    }
}
