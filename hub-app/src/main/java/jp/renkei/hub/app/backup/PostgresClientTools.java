package jp.renkei.hub.app.backup;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own {@code pg_dump} and {@code pg_restore} for an external database, run as child processes with
 * the connection of {@code RENKEI_DB_URL} in libpq's environment variables (the password never on a command
 * line). A dump must be made by a pg_dump of the server's major version or newer: the tools are taken from
 * {@code RENKEI_PG_BIN} when set, else from the PATH, and refused with the fix when too old.
 */
final class PostgresClientTools {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/?]*)/([^?]+)(?:\\?(.*))?");

    private final Path binaries;
    private final Map<String, String> libpqEnvironment;

    private PostgresClientTools(Path binaries, Map<String, String> libpqEnvironment) {
        this.binaries = binaries;
        this.libpqEnvironment = libpqEnvironment;
    }

    /** The tools for {@code database}, checked to handle a server of major version {@code serverMajor}. */
    static PostgresClientTools forServer(HubLocations.ExternalDatabase database, int serverMajor,
                                         Map<String, String> environment) {
        Path binaries = Optional.ofNullable(environment.get("RENKEI_PG_BIN")).filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> onPath("pg_dump", environment).map(Path::getParent).orElse(null));
        String fix = "install the PostgreSQL " + serverMajor + " client tools (e.g. postgresql-client-" + serverMajor
                + " from apt.postgresql.org) and set RENKEI_PG_BIN to their directory (e.g. /usr/lib/postgresql/"
                + serverMajor + "/bin), or back the database up with pg_basebackup and WAL archiving as "
                + "docs/operations.md (\"Backup\", external database) describes";
        if (binaries == null || !Files.isExecutable(binaries.resolve("pg_dump"))) {
            throw new BackupException("No pg_dump found (RENKEI_PG_BIN is not set and pg_dump is not on the PATH): "
                    + fix);
        }
        int clientMajor = majorVersion(binaries.resolve("pg_dump"));
        if (clientMajor < serverMajor) {
            throw new BackupException("The external PostgreSQL is version " + serverMajor + "; "
                    + binaries.resolve("pg_dump") + " is version " + clientMajor + " and cannot dump it: " + fix);
        }
        return new PostgresClientTools(binaries, libpqEnvironment(database));
    }

    /** {@code pg_dump --format=custom} of the whole database into {@code file}. */
    void dump(Path file) throws IOException, InterruptedException {
        run(List.of(binaries.resolve("pg_dump").toString(), "--format=custom", "--no-password",
                "--file=" + file), "pg_dump");
    }

    /**
     * {@code pg_restore} of {@code file} into the (empty) database, in one transaction: a failure leaves the
     * database as empty as it was.
     */
    void restore(Path file) throws IOException, InterruptedException {
        run(List.of(binaries.resolve("pg_restore").toString(), "--single-transaction", "--exit-on-error",
                "--no-password", "--dbname=" + libpqEnvironment.get("PGDATABASE"), file.toString()), "pg_restore");
    }

    private void run(List<String> command, String tool) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(libpqEnvironment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor(); // its output is read to the end: it has finished or is finishing
        if (exit != 0) {
            throw new BackupException(tool + " failed (exit " + exit + "): " + output.strip());
        }
    }

    /** host, port, database, user, password and sslmode of a {@code jdbc:postgresql://} URL, as libpq's variables. */
    static Map<String, String> libpqEnvironment(HubLocations.ExternalDatabase database) {
        Matcher url = JDBC_URL.matcher(database.jdbcUrl());
        if (!url.matches()) {
            throw new BackupException("RENKEI_DB_URL " + database.jdbcUrl()
                    + " is not of the form jdbc:postgresql://host[:port]/database[?options]");
        }
        Map<String, String> environment = new HashMap<>();
        URI hostPort = URI.create("postgresql://" + url.group(1));
        environment.put("PGHOST", hostPort.getHost() == null ? "localhost" : hostPort.getHost());
        environment.put("PGPORT", Integer.toString(hostPort.getPort() < 0 ? 5432 : hostPort.getPort()));
        environment.put("PGDATABASE", url.group(2));
        if (!database.user().isEmpty()) {
            environment.put("PGUSER", database.user());
        }
        if (!database.password().isEmpty()) {
            environment.put("PGPASSWORD", database.password());
        }
        if (url.group(3) != null) {
            for (String option : url.group(3).split("&")) {
                if (option.startsWith("sslmode=")) {
                    environment.put("PGSSLMODE", option.substring("sslmode=".length()));
                }
            }
        }
        return environment;
    }

    private static int majorVersion(Path tool) {
        try {
            Process process = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            Matcher version = VERSION.matcher(output);
            if (!version.find()) {
                throw new BackupException(tool + " --version said '" + output.strip() + "': not a PostgreSQL tool");
            }
            return Integer.parseInt(version.group(1));
        } catch (IOException e) {
            throw new BackupException("Cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("Interrupted while asking " + tool + " for its version", e);
        }
    }

    private static Optional<Path> onPath(String tool, Map<String, String> environment) {
        List<Path> candidates = new ArrayList<>();
        for (String directory : environment.getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty()) {
                candidates.add(Path.of(directory, tool));
            }
        }
        // Debian's /usr/bin/pg_dump is a wrapper choosing a version; its real directory is what counts.
        return candidates.stream().filter(Files::isExecutable).findFirst().map(PostgresClientTools::realPath);
    }

    private static Path realPath(Path path) {
        try {
            Path real = path.toRealPath();
            return real.getFileName().toString().equals("pg_wrapper") ? path : real;
        } catch (IOException e) {
            return path;
        }
    }
}
