package jp.renkei.hub.app.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import jp.renkei.hub.app.database.EmbeddedDatabaseProperties;
import jp.renkei.hub.app.database.EmbeddedPostgresServer;

/**
 * The embedded PostgreSQL of a home, for a backup or a restore check: the server a running hub started (found by
 * {@code postmaster.pid}, reached on 127.0.0.1 as {@code postgres} like the hub itself), or, when none runs, one
 * started here on the data directory and stopped again on {@link #close()}.
 */
final class EmbeddedCluster implements AutoCloseable {

    private final EmbeddedPostgresServer startedHere;
    private final String jdbcUrl;

    private EmbeddedCluster(EmbeddedPostgresServer startedHere, String jdbcUrl) {
        this.startedHere = startedHere;
        this.jdbcUrl = jdbcUrl;
    }

    /** The running server on {@code pgdata}, or a server started here when the hub is stopped. */
    static EmbeddedCluster open(Path pgdata, String database) throws IOException {
        if (!Files.isRegularFile(pgdata.resolve("PG_VERSION"))) {
            throw new BackupException(pgdata + " holds no PostgreSQL cluster: is RENKEI_HOME the hub's home, and has "
                    + "the hub been started there once?");
        }
        Optional<Integer> port = runningPort(pgdata);
        if (port.isPresent()) {
            return new EmbeddedCluster(null, "jdbc:postgresql://127.0.0.1:" + port.get() + "/" + database);
        }
        return start(pgdata, database);
    }

    /** A server started here on {@code pgdata} (a restored copy recovers on this start). */
    static EmbeddedCluster start(Path pgdata, String database) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                new EmbeddedDatabaseProperties(pgdata, 0, database, false));
        return new EmbeddedCluster(server, server.jdbcUrl());
    }

    /** Whether a PostgreSQL server runs on {@code pgdata} now. */
    static boolean running(Path pgdata) throws IOException {
        return runningPort(pgdata).isPresent();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    boolean startedHere() {
        return startedHere != null;
    }

    @Override
    public void close() {
        if (startedHere != null) {
            startedHere.close();
        }
    }

    /** Line 1 of {@code postmaster.pid} is the server's pid, line 4 its port; a stale file names a dead process. */
    private static Optional<Integer> runningPort(Path pgdata) throws IOException {
        Path pidFile = pgdata.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4 || lines.get(0).isBlank()) {
            return Optional.empty();
        }
        boolean alive = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .isPresent();
        return alive ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
    }
}
