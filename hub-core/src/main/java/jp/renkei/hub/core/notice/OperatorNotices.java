package jp.renkei.hub.core.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operators' notice list (hub.operator_notice). {@link #raise} is idempotent by its key, so a check that runs
 * every few hours raises each notice once; an operator acknowledges a notice when it has been dealt with.
 */
@Service
public class OperatorNotices {

    private final JdbcClient jdbc;
    private final Clock clock;

    public OperatorNotices(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Raises the notice unless one with this key was ever raised (acknowledged or not).
     *
     * @param key what makes the notice unique, e.g. {@code vpn-certificate:<serial>:EXPIRED}
     * @return the new notice, or empty if it had been raised before
     */
    @Transactional
    public Optional<OperatorNotice> raise(String key, String topic, String facilityId, OperatorNotice.Severity severity,
                                          String message) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        INSERT INTO hub.operator_notice (id, dedup_key, topic, facility_id, severity, message, raised_at)
                        VALUES (:id, :key, :topic, :facility, :severity, :message, :now)
                        ON CONFLICT (dedup_key) DO NOTHING""")
                .param("id", id)
                .param("key", key)
                .param("topic", topic)
                .param("facility", facilityId)
                .param("severity", severity.name())
                .param("message", message)
                .param("now", utc(clock.instant()))
                .update();
        return inserted == 0 ? Optional.empty() : find(id);
    }

    /** The topic's notices not yet acknowledged, newest first. */
    @Transactional(readOnly = true)
    public List<OperatorNotice> open(String topic) {
        return select("topic = :topic AND acknowledged_at IS NULL ORDER BY raised_at DESC, id")
                .param("topic", topic).query(OperatorNotices::notice).list();
    }

    /** Every notice of the topic about the facility, newest first. */
    @Transactional(readOnly = true)
    public List<OperatorNotice> ofFacility(String topic, String facilityId) {
        return select("topic = :topic AND facility_id = :facility ORDER BY raised_at DESC, id")
                .param("topic", topic).param("facility", facilityId).query(OperatorNotices::notice).list();
    }

    /**
     * Marks an open notice of the topic as dealt with.
     *
     * @return the notice, or empty when the topic has no open notice with this ID
     */
    @Transactional
    public Optional<OperatorNotice> acknowledge(String topic, UUID id, String actorId) {
        int updated = jdbc.sql("""
                        UPDATE hub.operator_notice SET acknowledged_at = :now, acknowledged_by = :actor
                        WHERE id = :id AND topic = :topic AND acknowledged_at IS NULL""")
                .param("now", utc(clock.instant()))
                .param("actor", actorId)
                .param("id", id)
                .param("topic", topic)
                .update();
        return updated == 0 ? Optional.empty() : find(id);
    }

    private Optional<OperatorNotice> find(UUID id) {
        return select("id = :id").param("id", id).query(OperatorNotices::notice).optional();
    }

    private JdbcClient.StatementSpec select(String condition) {
        return jdbc.sql("""
                SELECT id, topic, facility_id, severity, message, raised_at, acknowledged_at, acknowledged_by
                FROM hub.operator_notice WHERE\s""" + condition);
    }

    private static OperatorNotice notice(ResultSet rs, int row) throws SQLException {
        return new OperatorNotice(rs.getObject("id", UUID.class), rs.getString("topic"), rs.getString("facility_id"),
                OperatorNotice.Severity.valueOf(rs.getString("severity")), rs.getString("message"),
                instant(rs, "raised_at"), instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
