package jp.renkei.hub.core.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the other hub nodes on the same database that something their caches hold has changed, with PostgreSQL
 * LISTEN/NOTIFY on the channel {@value #CHANNEL}. {@link #publish} sends the topic in the caller's transaction, so
 * PostgreSQL delivers it when the change commits and never when it rolls back; every node listens on a connection
 * of its own and runs the topic's subscribers (which forget their cached answers). While a node is not listening
 * (database restart, fail-over) it may miss events, so on every (re)connect it runs every subscriber.
 */
@Component
public class ClusterEvents implements SmartLifecycle {

    static final String CHANNEL = "renkei_cluster";

    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);
    private static final int WAIT_MILLIS = 1000;
    private static final long CHECK_EVERY_MILLIS = 10_000;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ClusterNode node;
    private final Map<String, List<Runnable>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread listener;

    public ClusterEvents(DataSource dataSource, JdbcClient jdbc, ClusterNode node) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.node = node;
    }

    /** Runs {@code forget} whenever another node publishes {@code topic}, and after every reconnect. */
    public void subscribe(String topic, Runnable forget) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(forget);
    }

    /** Publishes {@code topic} to the other nodes when the current transaction commits (at once without one). */
    public void publish(String topic) {
        jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, node.name() + "\n" + topic).query((rs, row) -> 1).list();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        listener = new Thread(this::listen, "cluster-events");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(WAIT_MILLIS * 3L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            Connection connection = null;
            try {
                connection = dataSource.getConnection();
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                subscribers.values().forEach(list -> list.forEach(ClusterEvents::runQuietly));
                long nextCheck = System.currentTimeMillis() + CHECK_EVERY_MILLIS;
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getParameter());
                        }
                    }
                    // A connection that died silently (fail-over, network) raises nothing here: ask it now and then.
                    if (System.currentTimeMillis() >= nextCheck) {
                        if (!connection.isValid(5)) {
                            throw new SQLException("the listening connection is no longer valid");
                        }
                        nextCheck = System.currentTimeMillis() + CHECK_EVERY_MILLIS;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Cluster events: not listening ({}); retrying in 1 s", e.toString());
                }
            } finally {
                giveBack(connection);
            }
            pause();
        }
    }

    /** A pooled connection must not go back still listening: others would collect its notifications forever. */
    private static void giveBack(Connection connection) {
        if (connection == null) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        } catch (SQLException e) {
            try {
                connection.abort(Runnable::run); // ends the session, and its LISTEN with it
            } catch (SQLException ignored) {
                // gone either way
            }
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // aborted or broken: the pool replaces it
        }
    }

    private void dispatch(String payload) {
        int newline = payload.indexOf('\n');
        if (newline < 0 || payload.substring(0, newline).equals(node.name())) {
            return; // this node's own change: already forgotten where it was made
        }
        subscribers.getOrDefault(payload.substring(newline + 1), List.of()).forEach(ClusterEvents::runQuietly);
    }

    private static void runQuietly(Runnable forget) {
        try {
            forget.run();
        } catch (RuntimeException e) {
            log.warn("Cluster events: a subscriber failed", e);
        }
    }

    private void pause() {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
