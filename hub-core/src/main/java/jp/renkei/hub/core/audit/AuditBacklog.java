package jp.renkei.hub.core.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far the audit chain is behind: events committed with their data (hub.audit_pending) wait for the appender to
 * chain them, normally for well under a second. Read by the monitoring (gauges and the health indicator).
 */
@Component
public class AuditBacklog {

    /**
     * @param pendingRows   events not yet in the chain
     * @param oldestPending when the oldest of them was recorded; empty when there are none
     * @param lastChained   when the newest chained event was recorded; empty for an empty chain
     */
    public record State(long pendingRows, Optional<Instant> oldestPending, Optional<Instant> lastChained) {
    }

    private final JdbcClient jdbc;

    public AuditBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public State read() {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM hub.audit_pending) AS pending,
                               (SELECT min(recorded_at) FROM hub.audit_pending) AS oldest,
                               (SELECT recorded_at FROM hub.audit_event ORDER BY seq DESC LIMIT 1) AS last_chained""")
                .query((rs, row) -> new State(rs.getLong("pending"),
                        Optional.ofNullable(rs.getObject("oldest", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                        Optional.ofNullable(rs.getObject("last_chained", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)))
                .single();
    }
}
