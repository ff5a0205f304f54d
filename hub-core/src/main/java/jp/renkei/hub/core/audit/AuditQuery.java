package jp.renkei.hub.core.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the audit trail for people and views: search newest first, or one event by its sequence number. Events
 * still pending (committed with their request's data, not yet chained) are included: newest of all, with their
 * pending number negated as sequence number (see {@link AuditRecord#pending()}).
 */
@Component
public class AuditQuery {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** A pending row in the columns of a chained one (see {@link AuditRecord#pending()}). */
    static final String PENDING_COLUMNS = "-id AS seq, recorded_at, actor_kind, actor_id, facility_id, roles, "
            + "patient_ref, action, resource, outcome, status, purpose, source_ip, detail, "
            + "NULL::char(64) AS prev_hash, NULL::char(64) AS hash";

    private final JdbcClient jdbc;

    public AuditQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest {@link #DEFAULT_LIMIT} events matching {@code filter}. */
    public List<AuditRecord> search(AuditFilter filter) {
        return search(filter, DEFAULT_LIMIT, 0);
    }

    /**
     * Events matching {@code filter}, newest first, skipping {@code offset} and returning at most {@code limit}.
     *
     * @throws IllegalArgumentException if limit is not within 1..{@link #MAX_LIMIT} or offset is negative
     */
    public List<AuditRecord> search(AuditFilter filter, int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.from() != null) {
            conditions.add("recorded_at >= :from");
            params.put("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("recorded_at < :to");
            params.put("to", utc(filter.to()));
        }
        equal(conditions, params, "actor_id", filter.actorId());
        equal(conditions, params, "facility_id", filter.facilityId());
        if (!filter.patientRefs().isEmpty()) {
            conditions.add("patient_ref IN (:patientRefs)");
            params.put("patientRefs", filter.patientRefs().stream().sorted().toList());
        }
        equal(conditions, params, "action", filter.action() == null ? null : filter.action().name());
        if (!filter.outcomes().isEmpty()) {
            conditions.add("outcome IN (:outcomes)");
            params.put("outcomes", filter.outcomes().stream().map(Enum::name).sorted().toList());
        }
        params.put("limit", limit);
        params.put("offset", offset);
        params.put("cap", (long) limit + offset);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        // One statement, so one snapshot: an event chained meanwhile is found once, pending or chained. Each
        // side is cut to limit + offset by its own index before the two are put in order.
        return jdbc.sql("WITH pending AS (SELECT " + PENDING_COLUMNS + " FROM hub.audit_pending" + where
                        + " ORDER BY id DESC LIMIT :cap), chained AS (SELECT " + AuditRow.COLUMNS + " FROM hub.audit_event"
                        + where + " ORDER BY seq DESC LIMIT :cap) SELECT * FROM (SELECT * FROM pending UNION ALL"
                        + " SELECT * FROM chained) newest ORDER BY seq < 0 DESC, abs(seq) DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .query(AuditRow.MAPPER)
                .list()
                .stream()
                .map(AuditRow::toRecord)
                .toList();
    }

    /** The event with this sequence number, or the pending event with the negated number while it is pending. */
    public Optional<AuditRecord> find(long seq) {
        String table = seq < 0 ? "(SELECT " + PENDING_COLUMNS + " FROM hub.audit_pending) pending" : "hub.audit_event";
        return jdbc.sql("SELECT " + AuditRow.COLUMNS + " FROM " + table + " WHERE seq = :seq")
                .param("seq", seq)
                .query(AuditRow.MAPPER)
                .optional()
                .map(AuditRow::toRecord);
    }

    private static void equal(List<String> conditions, Map<String, Object> params, String column, String value) {
        if (value != null && !value.isEmpty()) {
            conditions.add(column + " = :" + column);
            params.put(column, value);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
