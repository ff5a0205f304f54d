package jp.renkei.hub.core.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;

/**
 * One row of {@code hub.audit_event} exactly as stored, enums and roles as their stored text: what the
 * hash covers, so that the verifier re-hashes what PostgreSQL holds even when someone wrote values there
 * that no enum knows.
 */
record AuditRow(
        long seq, Instant recordedAt, String actorKind, String actorId, String facilityId, String roles,
        String patientRef, String action, String resource, String outcome, int status,
        String purpose, String sourceIp, String detail, String prevHash, String hash) {

    static final String COLUMNS = "seq, recorded_at, actor_kind, actor_id, facility_id, roles, patient_ref, action, "
            + "resource, outcome, status, purpose, source_ip, detail, prev_hash, hash";

    static final RowMapper<AuditRow> MAPPER = (rs, rowNum) -> new AuditRow(
            rs.getLong("seq"),
            rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
            rs.getString("actor_kind"),
            rs.getString("actor_id"),
            rs.getString("facility_id"),
            rs.getString("roles"),
            rs.getString("patient_ref"),
            rs.getString("action"),
            rs.getString("resource"),
            rs.getString("outcome"),
            rs.getInt("status"),
            rs.getString("purpose"),
            rs.getString("source_ip"),
            rs.getString("detail"),
            rs.getString("prev_hash"),
            rs.getString("hash"));

    AuditRow {
        // PostgreSQL keeps microseconds: hash exactly what it will give back.
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The event that follows {@code previous}, its text made storable and its hash computed. */
    static AuditRow sealed(ChainLink previous, Instant recordedAt, AuditEntry entry) {
        return unchained(recordedAt, entry).chainedAfter(previous);
    }

    /**
     * The event with its text made storable, not yet in the chain: no sequence number (0) and no hashes. Written
     * so to {@code hub.audit_pending}; {@link #chainedAfter} puts it in the chain.
     */
    static AuditRow unchained(Instant recordedAt, AuditEntry entry) {
        Objects.requireNonNull(entry.action(), "action");
        Objects.requireNonNull(entry.outcome(), "outcome");
        return new AuditRow(
                0, recordedAt,
                AuditText.clean(entry.actorKind(), AuditText.SHORT),
                AuditText.clean(entry.actorId(), AuditText.SHORT),
                AuditText.clean(entry.facilityId(), AuditText.SHORT),
                entry.roles().stream()
                        .map(role -> AuditText.clean(role, AuditText.SHORT))
                        .filter(role -> role != null && !role.isBlank())
                        .sorted().distinct()
                        .collect(Collectors.joining(",")),
                AuditText.clean(entry.patientRef(), AuditText.SHORT),
                entry.action().name(),
                AuditText.clean(entry.resource(), AuditText.RESOURCE),
                entry.outcome().name(),
                entry.status(),
                AuditText.clean(entry.purpose(), AuditText.SHORT),
                AuditText.clean(entry.sourceIp(), AuditText.SHORT),
                AuditText.clean(entry.detail(), AuditText.DETAIL),
                null,
                null);
    }

    /** This event as the one after {@code previous}: next sequence number, linked and hashed. */
    AuditRow chainedAfter(ChainLink previous) {
        AuditRow linked = new AuditRow(previous.seq() + 1, recordedAt, actorKind, actorId, facilityId, roles,
                patientRef, action, resource, outcome, status, purpose, sourceIp, detail, previous.hash(), null);
        return linked.withHash(AuditHash.of(linked));
    }

    private AuditRow withHash(String newHash) {
        return new AuditRow(seq, recordedAt, actorKind, actorId, facilityId, roles, patientRef, action, resource,
                outcome, status, purpose, sourceIp, detail, prevHash, newHash);
    }

    ChainLink link() {
        return new ChainLink(seq, hash);
    }

    /** Named parameters for an INSERT of every column. */
    Map<String, Object> columnValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("seq", seq);
        values.put("recorded_at", OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC));
        values.put("actor_kind", actorKind);
        values.put("actor_id", actorId);
        values.put("facility_id", facilityId);
        values.put("roles", roles);
        values.put("patient_ref", patientRef);
        values.put("action", action);
        values.put("resource", resource);
        values.put("outcome", outcome);
        values.put("status", status);
        values.put("purpose", purpose);
        values.put("source_ip", sourceIp);
        values.put("detail", detail);
        values.put("prev_hash", prevHash);
        values.put("hash", hash);
        return values;
    }

    AuditRecord toRecord() {
        List<String> roleList = roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",", -1));
        return new AuditRecord(seq, recordedAt, actorKind, actorId, facilityId, roleList, patientRef,
                AuditAction.valueOf(action), resource, AuditOutcome.valueOf(outcome), status, purpose, sourceIp,
                detail, prevHash, hash);
    }
}
