package jp.renkei.hub.gateway.ss2;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code hub.ss2_file_ledger}: which files of a facility's storage were read, as they were then. */
@Repository
class Ss2Ledger {

    /** A file as last read. */
    record Entry(long size, Instant modified, String sha256, String outcome) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Ss2Ledger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** All entries of the facility by relative path (one query per run, not per file). */
    Map<String, Entry> entries(String facilityId) {
        return jdbc.sql("SELECT path, size, modified_at, sha256, outcome FROM hub.ss2_file_ledger WHERE facility_id = ?")
                .param(UUID.fromString(facilityId))
                .query((rs, n) -> Map.entry(rs.getString(1), new Entry(rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Records the file; joins the caller's transaction (the one storing what the file held). */
    void record(String facilityId, String path, long size, Instant modified, String sha256, String outcome) {
        jdbc.sql("""
                        INSERT INTO hub.ss2_file_ledger (facility_id, path, size, modified_at, sha256, outcome, processed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (facility_id, path) DO UPDATE SET size = excluded.size,
                            modified_at = excluded.modified_at, sha256 = excluded.sha256, outcome = excluded.outcome,
                            processed_at = excluded.processed_at""")
                .params(UUID.fromString(facilityId), path, size, Timestamp.from(modified), sha256, outcome,
                        Timestamp.from(clock.instant()))
                .update();
    }

    long count(String facilityId) {
        return jdbc.sql("SELECT count(*) FROM hub.ss2_file_ledger WHERE facility_id = ?")
                .param(UUID.fromString(facilityId)).query(Long.class).single();
    }
}
