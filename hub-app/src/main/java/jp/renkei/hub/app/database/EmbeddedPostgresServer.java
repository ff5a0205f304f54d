package jp.renkei.hub.app.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by the hub itself (zonky's packaged binaries), with a persistent,
 * crash-safe data directory.
 *
 * <p>Durability: zonky starts PostgreSQL with fsync off and asynchronous commit, which is right for
 * throw-away test databases and wrong for clinical data; a persistent cluster is started with fsync,
 * full-page writes and synchronous commit on. After a hard crash of the hub (kill -9) the PostgreSQL
 * server it started is orphaned and still holds the data directory; it is asked to shut down first, so the
 * next start recovers instead of failing.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final String databaseName;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String databaseName) {
        this.postgres = postgres;
        this.databaseName = databaseName;
    }

    public static EmbeddedPostgresServer start(EmbeddedDatabaseProperties properties) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(properties.port())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Spring closes the server after the connection pool; a JVM hook of its own would race it.
                    .setRegisterShutdownHook(false)
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (properties.ephemeral()) {
                builder.setCleanDataDirectory(true);
            } else {
                Path dataDirectory = properties.dataDirectory().toAbsolutePath();
                Files.createDirectories(dataDirectory);
                stopOrphanedPostmaster(dataDirectory);
                builder.setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, properties.databaseName());
            server.createDatabaseIfMissing();
            log.info("Embedded PostgreSQL ready on 127.0.0.1:{} ({})", postgres.getPort(),
                    properties.ephemeral() ? "ephemeral" : "data in " + properties.dataDirectory().toAbsolutePath());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", databaseName);
    }

    public String username() {
        return "postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop the embedded PostgreSQL", e);
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + databaseName.replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE \"" + databaseName.replace("\"", "\"\"") + "\"");
            log.info("Created database {}", databaseName);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + databaseName, e);
        }
    }

    /**
     * If a previous hub process died without stopping its PostgreSQL, that server still runs on the data
     * directory. A polite SIGTERM ("smart" shutdown) lets it finish and checkpoint; its clients are gone.
     */
    static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> orphan = runningPostmaster(dataDirectory);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        log.warn("PostgreSQL (pid {}) from an earlier hub process still holds {}; stopping it",
                postmaster.pid(), dataDirectory);
        postmaster.destroy();
        try {
            postmaster.onExit().get(ORPHAN_SHUTDOWN_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL pid " + postmaster.pid() + " on " + dataDirectory
                    + " did not stop within " + ORPHAN_SHUTDOWN_WAIT.toSeconds() + " s", e);
        }
    }

    static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).trim());
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }
}
