package jp.renkei.hub.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jp.renkei.hub.fhir.SearchCacheTables;
import org.junit.jupiter.api.Test;

/** HAPI's search cache tables switched between logged and unlogged on a real PostgreSQL, foreign key included. */
class SearchCacheTablesTest {

    @Test
    void cacheTablesBecomeUnloggedAndLoggedAgainAndAMissingTableIsLeftAlone() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            var dataSource = postgres.getPostgresDatabase();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE hfj_search (pid bigint PRIMARY KEY)");
                statement.execute("CREATE TABLE hfj_search_include (pid bigint PRIMARY KEY,"
                        + " search_pid bigint REFERENCES hfj_search (pid))");
                statement.execute("INSERT INTO hfj_search VALUES (1)");
                statement.execute("INSERT INTO hfj_search_include VALUES (1, 1)");
            }

            SearchCacheTables.apply(dataSource, true);
            assertThat(persistence(dataSource)).containsOnly(Map.entry("hfj_search", "u"),
                    Map.entry("hfj_search_include", "u"));
            SearchCacheTables.apply(dataSource, true);
            assertThat(persistence(dataSource)).containsOnly(Map.entry("hfj_search", "u"),
                    Map.entry("hfj_search_include", "u"));

            SearchCacheTables.apply(dataSource, false);
            assertThat(persistence(dataSource)).containsOnly(Map.entry("hfj_search", "p"),
                    Map.entry("hfj_search_include", "p"));
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM hfj_search_include")) {
                rows.next();
                assertThat(rows.getInt(1)).as("rows survive the switch").isEqualTo(1);
            }
        }
    }

    private static Map<String, String> persistence(javax.sql.DataSource dataSource) throws Exception {
        Map<String, String> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT relname, relpersistence FROM pg_class"
                     + " WHERE relname LIKE 'hfj_search%' AND relkind = 'r'")) {
            while (rs.next()) {
                found.put(rs.getString(1), rs.getString(2));
            }
        }
        return found;
    }
}
