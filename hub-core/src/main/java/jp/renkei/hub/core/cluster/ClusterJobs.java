package jp.renkei.hub.core.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Scheduled work that runs once per cluster. Every node keeps its own schedule; when a job's turn comes, the node
 * tries the job's PostgreSQL advisory lock (session level, on a connection of its own held for the run) and runs
 * the job only if it gets the lock and the job's last start, by any node, is at least nine tenths of the interval
 * ago ({@code hub.cluster_job}, by the database's clock). So two nodes never run a job at the same time, and a
 * job runs about once per interval however many nodes there are. A node that dies mid-run loses its connection,
 * and PostgreSQL releases the lock with it: the next node's turn runs the job again.
 */
@Component
public class ClusterJobs {

    /** First key of the two-key advisory locks of jobs ("RJOB"); the second is the job name's hash. */
    static final int JOB_LOCK_CLASS = 0x524A4F42;

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

    private final DataSource dataSource;
    private final ClusterNode node;

    public ClusterJobs(DataSource dataSource, ClusterNode node) {
        this.dataSource = dataSource;
        this.node = node;
    }

    /**
     * Runs {@code work} unless another node is running this job or started it less than 0.9 × {@code interval}
     * ago (a zero interval: only not at the same time). Returns whether it ran; what {@code work} throws is
     * recorded as a failed run and passed on.
     */
    public boolean runOnce(String job, Duration interval, Runnable work) {
        Connection connection = null;
        boolean locked = false;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            locked = tryLock(connection, job);
            if (!locked || !claim(connection, job, interval)) {
                log.debug("Cluster job {}: another node runs it or ran it recently", job);
                return false;
            }
            boolean failed = true;
            try {
                work.run();
                failed = false;
            } finally {
                finish(connection, job, failed);
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Cluster job " + job + ": " + e.getMessage(), e);
        } finally {
            release(connection, job, locked);
        }
    }

    private static boolean tryLock(Connection connection, String job) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            lock.setInt(1, JOB_LOCK_CLASS);
            lock.setString(2, job);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private boolean claim(Connection connection, String job, Duration interval) throws SQLException {
        double dueAfterSeconds = interval.toMillis() * 0.9 / 1000.0;
        try (PreparedStatement claim = connection.prepareStatement("""
                INSERT INTO hub.cluster_job AS j (name, runs, last_node, last_started_at)
                VALUES (?, 1, ?, clock_timestamp())
                ON CONFLICT (name) DO UPDATE SET runs = j.runs + 1, last_node = excluded.last_node,
                    last_started_at = excluded.last_started_at, last_finished_at = NULL, last_failed = false
                WHERE j.last_started_at <= clock_timestamp() - make_interval(secs => ?)
                RETURNING runs""")) {
            claim.setString(1, job);
            claim.setString(2, node.name());
            claim.setDouble(3, dueAfterSeconds);
            try (ResultSet result = claim.executeQuery()) {
                return result.next();
            }
        }
    }

    private static void finish(Connection connection, String job, boolean failed) throws SQLException {
        try (PreparedStatement finish = connection.prepareStatement(
                "UPDATE hub.cluster_job SET last_finished_at = clock_timestamp(), last_failed = ? WHERE name = ?")) {
            finish.setBoolean(1, failed);
            finish.setString(2, job);
            finish.executeUpdate();
        }
    }

    private static void release(Connection connection, String job, boolean locked) {
        if (connection == null) {
            return;
        }
        try {
            if (locked) {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
                    unlock.setInt(1, JOB_LOCK_CLASS);
                    unlock.setString(2, job);
                    unlock.execute();
                }
            }
            connection.close();
        } catch (SQLException e) {
            // A pooled connection must not go back still holding the lock: end its session, which releases it.
            log.warn("Cluster job {}: cannot release its lock ({}); dropping the connection", job, e.toString());
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                // the session is gone either way
            }
        }
    }
}
