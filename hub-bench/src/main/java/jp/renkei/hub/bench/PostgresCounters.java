package jp.renkei.hub.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Reads a measured server's embedded PostgreSQL over JDBC (user {@code postgres}, no password: zonky's trust
 * authentication on 127.0.0.1): committed transactions and the WAL position. The connection is to the
 * {@code postgres} database, whose own transactions are left out of the count, so reading does not count itself.
 */
final class PostgresCounters implements AutoCloseable {

    /** Commits over the server's databases (not ours, not the templates); the cluster-wide WAL position. */
    static final String QUERY = "SELECT (SELECT coalesce(sum(xact_commit), 0) FROM pg_stat_database "
            + "WHERE datname NOT IN ('postgres', 'template0', 'template1')), pg_current_wal_lsn()::text";
    private static final Duration POLL = Duration.ofMillis(400);
    /** Backends publish their counters when idle, at most once a second (up to 10 s when contended). */
    private static final Duration SETTLE_MIN = Duration.ofMillis(1200);
    private static final Duration SETTLE_MAX = Duration.ofSeconds(12);

    record Sample(long commits, long walBytes) {
    }

    private final Connection connection;

    private PostgresCounters(Connection connection) {
        this.connection = connection;
    }

    static PostgresCounters connect(int port) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "postgres", "");
            connection.setAutoCommit(true);
            return new PostgresCounters(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the embedded PostgreSQL on port " + port + ": "
                    + e.getMessage(), e);
        }
    }

    Sample sample() {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(QUERY)) {
            rs.next();
            return new Sample(rs.getLong(1), WalLsn.bytes(rs.getString(2)));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read PostgreSQL's counters: " + e.getMessage(), e);
        }
    }

    /** The durability settings the server really runs with, e.g. {@code fsync=on full_page_writes=on ...}. */
    String durabilitySettings() {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings WHERE name IN "
                        + "('fsync', 'full_page_writes', 'synchronous_commit', 'wal_sync_method', 'server_version')")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read PostgreSQL's settings: " + e.getMessage(), e);
        }
    }

    /**
     * The commit count once every backend has published its own: polled until it stops changing, after at least
     * {@link #SETTLE_MIN}. A server's background work may keep it moving; then it gives up after {@link #SETTLE_MAX}.
     */
    long settledCommits() throws InterruptedException {
        long started = System.nanoTime();
        long last = sample().commits();
        while (true) {
            Thread.sleep(POLL.toMillis());
            long now = sample().commits();
            long waited = System.nanoTime() - started;
            if ((now == last && waited >= SETTLE_MIN.toNanos()) || waited >= SETTLE_MAX.toNanos()) {
                return now;
            }
            last = now;
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the server is going away anyway
        }
    }
}
