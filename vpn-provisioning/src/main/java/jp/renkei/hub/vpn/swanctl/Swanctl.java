package jp.renkei.hub.vpn.swanctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code swanctl} command against the hub's charon (its VICI socket). Every call has a timeout: a charon that
 * hangs must not hang the hub's request threads.
 */
public class Swanctl {

    private static final long TIMEOUT_SECONDS = 20;

    private final String command;
    private final String viciUri;

    public Swanctl(String command, String viciUri) {
        this.command = command;
        this.viciUri = viciUri == null || viciUri.isBlank() ? null : viciUri;
    }

    /** Loads the directory's connections, credentials and CRL; connections no longer in it are unloaded. */
    public Result loadAll(Path swanctlDirectory) {
        return run(swanctlDirectory, "--load-all", "--noprompt", "--file", swanctlDirectory.resolve("swanctl.conf").toString());
    }

    /** Tears down the IKE SA (and its CHILD SAs) of a connection, if there is one. */
    public Result terminate(String connection) {
        return run(null, "--terminate", "--ike", connection, "--timeout", "10");
    }

    public Result listSas() {
        return run(null, "--list-sas");
    }

    private Result run(Path swanctlDirectory, String... arguments) {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(List.of(arguments));
        if (viciUri != null) {
            line.add("--uri");
            line.add(viciUri);
        }
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        if (swanctlDirectory != null) {
            // Relative credential directories (x509, private, x509ca, x509crl) are looked up under SWANCTL_DIR.
            Map<String, String> environment = builder.environment();
            environment.put("SWANCTL_DIR", swanctlDirectory.toString());
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, new String(output, StandardCharsets.UTF_8) + "\n(timed out)");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while running swanctl", e));
        }
    }

    /** Exit code and combined output of one swanctl run. */
    public record Result(int exitCode, String output) {

        public boolean ok() {
            return exitCode == 0;
        }
    }
}
