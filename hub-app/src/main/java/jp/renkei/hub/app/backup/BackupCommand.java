package jp.renkei.hub.app.backup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of {@code ./hub backup <dir>} and {@code ./hub restore [--replace] <dir>}, run from the hub's jar
 * without starting the application (the hub may be running on the same home). Exit code 0 when done, 1 when the
 * backup or restore failed (the message says why; nothing half-written is left), 2 for bad arguments.
 */
public final class BackupCommand {

    private BackupCommand() {
    }

    public static void main(String[] args) {
        quietLibraries();
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        List<String> arguments = new ArrayList<>(List.of(args));
        String command = arguments.isEmpty() ? "" : arguments.remove(0);
        boolean replace = arguments.remove("--replace");
        if (!(command.equals("backup") || command.equals("restore")) || arguments.size() != 1
                || arguments.get(0).startsWith("-") || replace && command.equals("backup")) {
            err.println("usage: ./hub backup <new directory> | ./hub restore [--replace] <backup directory>");
            return 2;
        }
        Path directory = Path.of(arguments.get(0)).toAbsolutePath().normalize();
        HubLocations hub = HubLocations.fromEnvironment(environment);
        try {
            if (command.equals("backup")) {
                BackupManifest manifest = new HubBackup(hub, environment, out).run(directory);
                out.println("backup: written to " + directory + " (audit checkpoint "
                        + (manifest.auditCheckpoint() == null ? "none" : "seq " + manifest.auditCheckpoint().seq()
                                + " " + manifest.auditCheckpoint().hash()) + ")");
            } else {
                new HubRestore(hub, environment, out).run(directory, replace);
            }
            return 0;
        } catch (BackupException e) {
            err.println(command + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println(command + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    static String hubVersion() {
        String version = BackupCommand.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /** Without Spring Boot's logging set-up, logback would print every library's DEBUG lines. */
    private static void quietLibraries() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
