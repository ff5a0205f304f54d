package jp.renkei.hub.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path home;

    @Test
    void persistentClusterIsDurableAndKeepsDataAcrossRestarts() throws Exception {
        Path data = home.resolve("pgdata");
        try (EmbeddedPostgresServer server = start(data)) {
            assertThat(setting(server, "fsync")).isEqualTo("on");
            assertThat(setting(server, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(server, "full_page_writes")).isEqualTo("on");
            assertThat(setting(server, "listen_addresses")).isEqualTo("127.0.0.1");
            execute(server, "CREATE TABLE kept (note text)", "INSERT INTO kept VALUES ('before restart')");
        }
        try (EmbeddedPostgresServer server = start(data)) {
            assertThat(query(server, "SELECT note FROM kept")).containsExactly("before restart");
        }
    }

    @Test
    void aHubKilledMidWorkLosesNoCommittedDataAndTheNextStartRecovers() throws Exception {
        Path data = home.resolve("pgdata");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CrashingDatabaseClient.class.getName(), data.toString(), "committed before the crash")
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("COMMITTED")) {
                output.add(line);
            }
            assertThat(line).as("child output: %s", output).isEqualTo("COMMITTED");
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no pool close, PostgreSQL left running
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(EmbeddedPostgresServer.runningPostmaster(data)).as("the orphaned PostgreSQL").isPresent();

        try (EmbeddedPostgresServer server = start(data)) {
            assertThat(query(server, "SELECT note FROM crash_probe")).containsExactly("committed before the crash");
        }
        assertThat(EmbeddedPostgresServer.runningPostmaster(data)).as("after a clean stop").isEmpty();
    }

    @Test
    void ephemeralClusterIsForTestsOnly() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                new EmbeddedDatabaseProperties(null, 0, "renkei", true))) {
            assertThat(setting(server, "fsync")).isEqualTo("off");
            assertThat(query(server, "SELECT current_database()")).containsExactly("renkei");
        }
    }

    private static EmbeddedPostgresServer start(Path data) {
        return EmbeddedPostgresServer.start(new EmbeddedDatabaseProperties(data, 0, "renkei", false));
    }

    private static String setting(EmbeddedPostgresServer server, String name) throws Exception {
        return query(server, "SHOW " + name).get(0);
    }

    private static void execute(EmbeddedPostgresServer server, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> query(EmbeddedPostgresServer server, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
