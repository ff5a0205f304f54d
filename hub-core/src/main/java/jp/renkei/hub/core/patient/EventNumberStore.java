package jp.renkei.hub.core.patient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code hub.event_number}. Knows SQL, not rules: {@link PatientEnrolment} decides. */
@Repository
class EventNumberStore {

    /** A number's row as read under a lock. */
    record Row(EventNumber number, boolean merged, EventNumber mergedInto) {
    }

    // Merges are refused into merged numbers, so chains are short and acyclic; the depth bound only keeps
    // a corrupted table from looping the query forever.
    private static final int MAX_CHAIN = 1000;

    private final JdbcClient jdbc;

    EventNumberStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the number exists already (the caller draws another one) */
    boolean insert(EventNumber number, Instant at, String actorId, UUID facility) {
        return jdbc.sql("""
                INSERT INTO hub.event_number (number, status, created_at, created_by, created_facility)
                VALUES (:number, 'ACTIVE', :at, :actor, :facility)
                ON CONFLICT (number) DO NOTHING
                """)
                .param("number", number.digits())
                .param("at", Timestamp.from(at))
                .param("actor", actorId)
                .param("facility", facility)
                .update() == 1;
    }

    /**
     * Reads the rows with a lock: FOR UPDATE for a merge, FOR SHARE to keep a number from being merged
     * while a link to it is written. Under READ COMMITTED the locked rows are their latest committed state.
     */
    List<Row> lock(List<EventNumber> numbers, boolean exclusive) {
        return jdbc.sql("SELECT number, status, merged_into FROM hub.event_number WHERE number IN (:numbers)"
                        + " ORDER BY number " + (exclusive ? "FOR UPDATE" : "FOR SHARE"))
                .param("numbers", numbers.stream().map(EventNumber::digits).toList())
                .query((rs, i) -> new Row(new EventNumber(rs.getString("number")),
                        "MERGED".equals(rs.getString("status")),
                        rs.getString("merged_into") == null ? null : new EventNumber(rs.getString("merged_into"))))
                .list();
    }

    /** The end of the merge chain starting at {@code number}; empty when the hub never issued it. */
    Optional<EventNumber> resolve(EventNumber number) {
        return jdbc.sql("""
                WITH RECURSIVE chain (number, merged_into, depth) AS (
                    SELECT number, merged_into, 0 FROM hub.event_number WHERE number = :number
                    UNION ALL
                    SELECT e.number, e.merged_into, c.depth + 1
                    FROM hub.event_number e JOIN chain c ON e.number = c.merged_into
                    WHERE c.depth < :max
                )
                SELECT number FROM chain WHERE merged_into IS NULL
                """)
                .param("number", number.digits())
                .param("max", MAX_CHAIN)
                .query((rs, i) -> new EventNumber(rs.getString("number")))
                .optional();
    }

    /** Every number whose merge chain ends at {@code survivor}. */
    List<EventNumber> retiredInto(EventNumber survivor) {
        return jdbc.sql("""
                WITH RECURSIVE retired (number, depth) AS (
                    SELECT number, 0 FROM hub.event_number WHERE merged_into = :survivor
                    UNION ALL
                    SELECT e.number, r.depth + 1
                    FROM hub.event_number e JOIN retired r ON e.merged_into = r.number
                    WHERE r.depth < :max
                )
                SELECT number FROM retired ORDER BY number
                """)
                .param("survivor", survivor.digits())
                .param("max", MAX_CHAIN)
                .query((rs, i) -> new EventNumber(rs.getString("number")))
                .list();
    }

    void markMerged(EventNumber retired, EventNumber survivor, Instant at, String actorId, String reason) {
        jdbc.sql("""
                UPDATE hub.event_number
                SET status = 'MERGED', merged_into = :survivor, merged_at = :at, merged_by = :actor, merge_reason = :reason
                WHERE number = :retired
                """)
                .param("survivor", survivor.digits())
                .param("retired", retired.digits())
                .param("at", Timestamp.from(at))
                .param("actor", actorId)
                .param("reason", reason)
                .update();
    }
}
