package jp.renkei.hub.gateway.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code hub.gateway_quarantine}: inputs that could not be parsed or mapped, kept byte for byte with the exact
 * reason and location, attributed to the facility that sent them, until re-processed. The same bad input seen
 * again (same facility, source and bytes) is the same held item, with one more attempt.
 */
@Component
public class Quarantine {

    public static final String HELD = "HELD";
    public static final String RESOLVED = "RESOLVED";

    private static final String COLUMNS = """
            id, facility_id, source_kind, source_ref, reason, location, status, attempts, octet_length(raw),
            quarantined_at, last_tried_at, resolved_at""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public Quarantine(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public UUID hold(String facilityId, SourceRef source, byte[] raw, IngestFailure failure) {
        return hold(facilityId, source, raw, failure, () -> { });
    }

    /** Keeps the input; {@code alsoInTransaction} (e.g. a ledger row) commits with it. Returns the item's ID. */
    public UUID hold(String facilityId, SourceRef source, byte[] raw, IngestFailure failure,
                     Runnable alsoInTransaction) {
        Timestamp now = Timestamp.from(clock.instant());
        String location = failure.location().isWhole() ? null : failure.location().toString();
        return transactions.execute(status -> {
            UUID id = jdbc.sql("""
                            INSERT INTO hub.gateway_quarantine (id, facility_id, source_kind, source_ref, raw, raw_sha256,
                                reason, location, status, attempts, quarantined_at, last_tried_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'HELD', 1, ?, ?)
                            ON CONFLICT (facility_id, source_kind, source_ref, raw_sha256) WHERE status = 'HELD'
                            DO UPDATE SET reason = excluded.reason, location = excluded.location,
                                attempts = hub.gateway_quarantine.attempts + 1, last_tried_at = excluded.last_tried_at
                            RETURNING id""")
                    .params(UUID.randomUUID(), UUID.fromString(facilityId), source.kind(), source.reference(), raw,
                            IngestIds.sha256Hex(raw), failure.reason(), location, now, now)
                    .query(UUID.class).single();
            alsoInTransaction.run();
            return id;
        });
    }

    /** Items newest first; {@code facilityId} and {@code status} null for all. */
    public List<QuarantinedItem> list(String facilityId, String status, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM hub.gateway_quarantine
                        WHERE (CAST(? AS uuid) IS NULL OR facility_id = CAST(? AS uuid))
                          AND (CAST(? AS text) IS NULL OR status = CAST(? AS text))
                        ORDER BY quarantined_at DESC, id LIMIT ?""")
                .params(facilityId, facilityId, status, status, limit)
                .query(Quarantine::item).list();
    }

    public Optional<QuarantinedItem> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub.gateway_quarantine WHERE id = ?").param(id)
                .query(Quarantine::item).optional();
    }

    public byte[] raw(UUID id) {
        return jdbc.sql("SELECT raw FROM hub.gateway_quarantine WHERE id = ?").param(id)
                .query(byte[].class).optional().orElseThrow(() -> new IllegalArgumentException("no item " + id));
    }

    /** Marks a held item as dealt with (its input is now stored or skipped). */
    public void resolve(UUID id) {
        jdbc.sql("UPDATE hub.gateway_quarantine SET status = 'RESOLVED', resolved_at = ? WHERE id = ? AND status = 'HELD'")
                .params(Timestamp.from(clock.instant()), id).update();
    }

    public long countHeld(String facilityId) {
        return jdbc.sql("SELECT count(*) FROM hub.gateway_quarantine WHERE facility_id = ? AND status = 'HELD'")
                .param(UUID.fromString(facilityId)).query(Long.class).single();
    }

    private static QuarantinedItem item(ResultSet rs, int row) throws SQLException {
        return new QuarantinedItem(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getLong(9), instant(rs, 10),
                instant(rs, 11), instant(rs, 12));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
