package jp.renkei.hub.gateway.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code hub.gateway_record}: each source record as last applied. Joins the caller's transaction. */
@Repository
class SourceRecords {

    /** A stored record: its version, whether cancelled, its content hash and the resources it wrote. */
    record Applied(LocalDateTime version, boolean cancelled, String contentHash, List<String> resources) {
    }

    private final JdbcClient jdbc;

    SourceRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The stored row, locked until the transaction ends: concurrent versions of a record queue up here, also before
     * the record's first row exists (a transaction-scoped advisory lock on the key).
     */
    Optional<Applied> lock(String facilityId, String recordKey) {
        advisoryLock(facilityId + "\n" + recordKey);
        return jdbc.sql("""
                        SELECT version, cancelled, content_hash, resources FROM hub.gateway_record
                         WHERE facility_id = ? AND record_key = ? FOR UPDATE""")
                .params(UUID.fromString(facilityId), recordKey)
                .query((rs, n) -> new Applied(rs.getTimestamp(1).toLocalDateTime(), rs.getBoolean(2), rs.getString(3),
                        rs.getString(4).isEmpty() ? List.of() : Arrays.asList(rs.getString(4).split(" "))))
                .optional();
    }

    /** Serialises transactions on {@code key} until they end (PostgreSQL transaction-level advisory lock). */
    void advisoryLock(String key) {
        long id = java.nio.ByteBuffer.wrap(IngestIds.sha256(key)).getLong();
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(id).query((rs, n) -> 1).list();
    }

    void save(MappedRecord record, String contentHash, List<String> resources, Instant now) {
        jdbc.sql("""
                        INSERT INTO hub.gateway_record (facility_id, record_key, version, cancelled, content_hash,
                                                        resources, source, stored_at, keyed_ids)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, true)
                        ON CONFLICT (facility_id, record_key) DO UPDATE SET version = excluded.version,
                            cancelled = excluded.cancelled, content_hash = excluded.content_hash,
                            resources = excluded.resources, source = excluded.source, stored_at = excluded.stored_at,
                            keyed_ids = true""")
                .params(UUID.fromString(record.facilityId()), record.recordKey(), Timestamp.valueOf(record.version()),
                        record.cancelled(), contentHash, String.join(" ", resources), record.source().toString(),
                        Timestamp.from(now))
                .update();
    }

    long count(String facilityId) {
        return jdbc.sql("SELECT count(*) FROM hub.gateway_record WHERE facility_id = ?")
                .param(UUID.fromString(facilityId)).query(Long.class).single();
    }
}
