package jp.renkei.hub.vpn.netns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a timeout, returning exit code and combined output. */
public final class Shell {

    private Shell() {
    }

    public record Result(int exitCode, String output) {
        public Result orFail() {
            if (exitCode != 0) {
                throw new IllegalStateException("command failed (" + exitCode + "): " + output);
            }
            return this;
        }
    }

    public static Result run(List<String> command) {
        return run(command, Map.of());
    }

    public static Result run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    public static Result sh(String script) {
        return run(List.of("bash", "-c", script));
    }
}
