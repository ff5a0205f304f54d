package jp.renkei.hub.app.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link EmbeddedPostgresServerTest}: starts the persistent embedded database,
 * commits a row, says so, and waits to be killed with SIGKILL — a hub dying mid-work.
 */
public final class CrashingDatabaseClient {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                new EmbeddedDatabaseProperties(Path.of(args[0]), 0, "renkei", false));
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS crash_probe (note text)");
            statement.execute("INSERT INTO crash_probe VALUES ('" + args[1] + "')");
        }
        System.out.println("COMMITTED");
        System.out.flush();
        Thread.sleep(120_000);
    }

    private CrashingDatabaseClient() {
    }
}
