package jp.renkei.hub.core.patient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code hub.patient_link} and its history {@code hub.patient_link_event}. */
@Repository
class PatientLinkStore {

    /** A current link and its row id. */
    record Current(UUID id, PatientLink link) {
    }

    // Namespace of the two-key advisory locks taken per (facility, local patient ID) ("XREF" in ASCII).
    private static final int LOCAL_ID_LOCK_SPACE = 0x58524546;

    private static final String CURRENT = """
            SELECT id, facility_id, local_patient_id, event_number, version, linked_at, linked_by, verified_by
            FROM hub.patient_link WHERE status = 'LINKED'
            """;

    private final JdbcClient jdbc;

    PatientLinkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises the writers of one local patient ID until the transaction ends, so that "not linked yet,
     * so link" cannot interleave. The partial unique index stays the guarantee behind it.
     */
    void lock(UUID facility, LocalPatientId localId) {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:space, hashtext(:key))")
                .param("space", LOCAL_ID_LOCK_SPACE)
                .param("key", facility + "/" + localId.value())
                .query(Integer.class)
                .single();
    }

    Optional<Current> current(UUID facility, LocalPatientId localId) {
        return jdbc.sql(CURRENT + " AND facility_id = :facility AND local_patient_id = :local")
                .param("facility", facility)
                .param("local", localId.value())
                .query(PatientLinkStore::current)
                .optional();
    }

    List<PatientLink> currentOf(EventNumber number) {
        return jdbc.sql(CURRENT + " AND event_number = :number ORDER BY facility_id, local_patient_id")
                .param("number", number.digits())
                .query((rs, i) -> current(rs, i).link())
                .list();
    }

    List<String> localIdsOf(EventNumber number, UUID facility) {
        return jdbc.sql("SELECT local_patient_id FROM hub.patient_link WHERE status = 'LINKED'"
                        + " AND event_number = :number AND facility_id = :facility ORDER BY local_patient_id")
                .param("number", number.digits())
                .param("facility", facility)
                .query(String.class)
                .list();
    }

    /** Writes a new link as version 1 and its first history row. */
    void insert(LinkChange change) {
        jdbc.sql("""
                INSERT INTO hub.patient_link (id, facility_id, local_patient_id, event_number, status, version,
                    linked_at, linked_by, verified_by, reason)
                VALUES (:id, :facility, :local, :number, 'LINKED', :version, :at, :actor, :verifiedBy, :reason)
                """)
                .param("id", change.linkId())
                .param("facility", change.facilityId())
                .param("local", change.localPatientId())
                .param("number", change.number().digits())
                .param("version", change.version())
                .param("at", Timestamp.from(change.at()))
                .param("actor", change.actorId())
                .param("verifiedBy", change.verifiedBy() == null ? null : change.verifiedBy().name())
                .param("reason", change.reason())
                .update();
        record(change);
    }

    void unlink(LinkChange change) {
        jdbc.sql("""
                UPDATE hub.patient_link
                SET status = 'UNLINKED', version = :version, unlinked_at = :at, unlinked_by = :actor, unlink_reason = :reason
                WHERE id = :id AND status = 'LINKED'
                """)
                .param("id", change.linkId())
                .param("version", change.version())
                .param("at", Timestamp.from(change.at()))
                .param("actor", change.actorId())
                .param("reason", change.reason())
                .update();
        record(change);
    }

    /** Moves every current link of {@code retired} to {@code survivor}, as a new version of each. */
    List<Current> move(EventNumber retired, EventNumber survivor) {
        return jdbc.sql("""
                UPDATE hub.patient_link SET event_number = :survivor, version = version + 1
                WHERE event_number = :retired AND status = 'LINKED'
                RETURNING id, facility_id, local_patient_id, event_number, version, linked_at, linked_by, verified_by
                """)
                .param("survivor", survivor.digits())
                .param("retired", retired.digits())
                .query(PatientLinkStore::current)
                .list();
    }

    void record(LinkChange change) {
        jdbc.sql("""
                INSERT INTO hub.patient_link_event (link_id, version, change, facility_id, local_patient_id,
                    event_number, previous_number, verified_by, reason, actor_id, actor_facility, changed_at)
                VALUES (:id, :version, :change, :facility, :local, :number, :previous, :verifiedBy, :reason,
                    :actor, :actorFacility, :at)
                """)
                .param("id", change.linkId())
                .param("version", change.version())
                .param("change", change.kind().name())
                .param("facility", change.facilityId())
                .param("local", change.localPatientId())
                .param("number", change.number().digits())
                .param("previous", change.previousNumber() == null ? null : change.previousNumber().digits())
                .param("verifiedBy", change.verifiedBy() == null ? null : change.verifiedBy().name())
                .param("reason", change.reason())
                .param("actor", change.actorId())
                .param("actorFacility", change.actorFacility())
                .param("at", Timestamp.from(change.at()))
                .update();
    }

    private static Current current(ResultSet rs, int row) throws SQLException {
        String verifiedBy = rs.getString("verified_by");
        return new Current(rs.getObject("id", UUID.class), new PatientLink(
                rs.getObject("facility_id", UUID.class).toString(),
                rs.getString("local_patient_id"),
                new EventNumber(rs.getString("event_number")),
                rs.getInt("version"),
                rs.getTimestamp("linked_at").toInstant(),
                rs.getString("linked_by"),
                verifiedBy == null ? null : IdentityVerification.valueOf(verifiedBy)));
    }
}
