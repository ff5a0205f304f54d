package jp.renkei.hub.fhir;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAPI's search cache — the rows behind a search's paging links ({@code HFJ_SEARCH}, its results and includes) —
 * kept in PostgreSQL {@code UNLOGGED} tables. Every FHIR search writes there in up to three short transactions
 * of its own; in logged tables each waits for a WAL flush (the hub runs with fsync and synchronous commit on),
 * which is most of a small search's time. The cache is disposable by design (HAPI expires it after an hour, and
 * the hub forgets which requester owns a page on restart anyway), so losing it in a crash loses nothing: after
 * a crash PostgreSQL empties unlogged tables and an old paging link answers like an expired one. Unlogged tables
 * are not copied to streaming replicas, so after a fail-over the same happens there. The clinical data itself
 * stays in logged tables, durable as before.
 */
public final class SearchCacheTables {

    private static final Logger log = LoggerFactory.getLogger(SearchCacheTables.class);

    /** Referencing tables first: a logged table may not refer to an unlogged one (reversed for logging on). */
    static final List<String> TABLES = List.of("hfj_search_include", "hfj_search_result", "hfj_search");

    private SearchCacheTables() {
    }

    /**
     * Makes the cache tables unlogged ({@code unlogged}) or logged again; a table already so, or missing, is left
     * alone. Changing one rewrites it under an exclusive lock: done once, at start-up, while it is small.
     */
    public static void apply(DataSource dataSource, boolean unlogged) {
        List<String> order = new ArrayList<>(TABLES);
        if (!unlogged) {
            Collections.reverse(order);
        }
        try (Connection connection = dataSource.getConnection()) {
            for (String table : order) {
                Character persistence = persistenceOf(connection, table);
                char wanted = unlogged ? 'u' : 'p';
                if (persistence == null || persistence == wanted) {
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE " + table + (unlogged ? " SET UNLOGGED" : " SET LOGGED"));
                }
                log.info("HAPI search cache table {} is now {}", table, unlogged ? "unlogged" : "logged");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set the persistence of HAPI's search cache tables", e);
        }
    }

    /** {@code p} (logged), {@code u} (unlogged), or null when the table does not exist in the search path. */
    static Character persistenceOf(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT relpersistence FROM pg_class WHERE oid = to_regclass(?)")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1).charAt(0) : null;
            }
        }
    }
}
