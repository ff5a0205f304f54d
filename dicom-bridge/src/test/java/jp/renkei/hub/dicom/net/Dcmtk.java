package jp.renkei.hub.dicom.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DCMTK's command-line tools (Debian package {@code dcmtk}) as the real peer of interoperability tests. A test
 * using them is skipped, saying so, only when they are not installed; CI installs them.
 */
public final class Dcmtk {

    /** What a tool printed and how it exited. */
    public record Result(int exitCode, String output) {
    }

    public static void assumeInstalled(String tool) {
        assumeTrue(find(tool) != null, "DCMTK's " + tool + " is not installed (apt-get install dcmtk): "
                + "interoperability test skipped");
    }

    public static Result run(String tool, String... args) throws IOException, InterruptedException {
        Path binary = find(tool);
        if (binary == null) {
            throw new IllegalStateException(tool + " is not installed");
        }
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(tool + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Path find(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private Dcmtk() {
    }
}
