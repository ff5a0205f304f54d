package jp.renkei.hub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The search's SQL measured straight in the running hub's embedded PostgreSQL, beside its named peer: the same
 * search as the hub asked it before migration V10_9 — ILIKE over the title, body and entered values concatenated
 * for every row, no index but the room's — against ILIKE over the stored {@code search_text} with its trigram
 * index. Both answer the same posts (checked).
 */
final class CareNetSqlPeer implements AutoCloseable {

    private static final String PLAIN = "SELECT p.id FROM hub.care_post p WHERE p.room_id = ? AND (p.title || ' ' || p.body"
            + " || ' ' || jsonb_path_query_array(p.entries, '$[*].values[*].value')::text) ILIKE ? ESCAPE '!'"
            + " ORDER BY p.created_at DESC, p.id LIMIT 50";
    private static final String INDEXED = "SELECT p.id FROM hub.care_post p WHERE p.room_id = ? AND p.search_text"
            + " ILIKE ? ESCAPE '!' ORDER BY p.created_at DESC, p.id LIMIT 50";

    private final Connection connection;

    private CareNetSqlPeer(Connection connection) {
        this.connection = connection;
    }

    /** Connects to the embedded PostgreSQL of {@code home} (its port from postmaster.pid). */
    static CareNetSqlPeer connect(Path home) throws Exception {
        List<String> pid = Files.readAllLines(home.resolve("pgdata/postmaster.pid"));
        String port = pid.get(3).strip();
        return new CareNetSqlPeer(DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/renkei",
                "postgres", ""));
    }

    /** Nanoseconds of the plain (before V10_9) search; its result must equal the indexed one's. */
    long plain(String room, String word) throws SQLException {
        return timed(PLAIN, room, word);
    }

    long indexed(String room, String word) throws SQLException {
        return timed(INDEXED, room, word);
    }

    boolean sameAnswer(String room, String word) throws SQLException {
        return ids(PLAIN, room, word).equals(ids(INDEXED, room, word));
    }

    private long timed(String sql, String room, String word) throws SQLException {
        long begin = System.nanoTime();
        ids(sql, room, word);
        return System.nanoTime() - begin;
    }

    private List<UUID> ids(String sql, String room, String word) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(room));
            statement.setString(2, "%" + word + "%");
            try (ResultSet rows = statement.executeQuery()) {
                List<UUID> ids = new java.util.ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
                return ids;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
