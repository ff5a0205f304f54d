package jp.renkei.hub.consent.breakglass;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.patient.FacilityPatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code hub.break_glass} and {@code hub.break_glass_notification}. */
@Repository
class BreakGlassStore {

    private final JdbcClient jdbc;

    BreakGlassStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(BreakGlassAccess access) {
        jdbc.sql("""
                INSERT INTO hub.break_glass (id, event_number, facility_id, doctor_id, reason, opened_at, expires_at)
                VALUES (:id, :number, :facility, :doctor, :reason, :opened, :expires)
                """)
                .param("id", access.id())
                .param("number", access.eventNumber().digits())
                .param("facility", UUID.fromString(access.facilityId()))
                .param("doctor", access.doctorId())
                .param("reason", access.reason())
                .param("opened", Timestamp.from(access.openedAt()))
                .param("expires", Timestamp.from(access.expiresAt()))
                .update();
    }

    void notify(UUID breakGlassId, FacilityPatientId patient, Instant at) {
        jdbc.sql("""
                INSERT INTO hub.break_glass_notification (id, break_glass_id, facility_id, local_patient_id, created_at)
                VALUES (:id, :breakGlass, :facility, :local, :at)
                ON CONFLICT DO NOTHING
                """)
                .param("id", UUID.randomUUID())
                .param("breakGlass", breakGlassId)
                .param("facility", UUID.fromString(patient.facilityId()))
                .param("local", patient.localPatientId())
                .param("at", Timestamp.from(at))
                .update();
    }

    /** Accesses of the facility to any of the numbers that are open at {@code at}. */
    List<BreakGlassAccess> openFor(List<EventNumber> numbers, String facilityId, Instant at) {
        return jdbc.sql("""
                SELECT * FROM hub.break_glass
                WHERE event_number IN (:numbers) AND facility_id = :facility AND opened_at <= :at AND expires_at > :at
                ORDER BY expires_at DESC
                """)
                .param("numbers", numbers.stream().map(EventNumber::digits).toList())
                .param("facility", UUID.fromString(facilityId))
                .param("at", Timestamp.from(at))
                .query((rs, i) -> access(rs))
                .list();
    }

    /** The facility's own emergency accesses (open and past), newest first, at most {@code limit}. */
    List<BreakGlassAccess> openedBy(String facilityId, int limit) {
        return jdbc.sql("""
                SELECT * FROM hub.break_glass WHERE facility_id = :facility ORDER BY opened_at DESC, id LIMIT :limit
                """)
                .param("facility", UUID.fromString(facilityId))
                .param("limit", limit)
                .query((rs, i) -> access(rs))
                .list();
    }

    private static BreakGlassAccess access(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new BreakGlassAccess(rs.getObject("id", UUID.class), new EventNumber(rs.getString("event_number")),
                rs.getString("facility_id"), rs.getString("doctor_id"), rs.getString("reason"),
                rs.getTimestamp("opened_at").toInstant(), rs.getTimestamp("expires_at").toInstant());
    }

    List<BreakGlassNotification> notificationsFor(String facilityId) {
        return jdbc.sql("""
                SELECT n.id, n.break_glass_id, n.local_patient_id, b.event_number, b.facility_id, b.doctor_id,
                       b.reason, b.opened_at, b.expires_at
                FROM hub.break_glass_notification n JOIN hub.break_glass b ON b.id = n.break_glass_id
                WHERE n.facility_id = :facility
                ORDER BY n.created_at DESC, n.id
                """)
                .param("facility", UUID.fromString(facilityId))
                .query((rs, i) -> new BreakGlassNotification(rs.getObject("id", UUID.class),
                        rs.getObject("break_glass_id", UUID.class), rs.getString("local_patient_id"),
                        new EventNumber(rs.getString("event_number")).formatted(), rs.getString("facility_id"),
                        rs.getString("doctor_id"), rs.getString("reason"), rs.getTimestamp("opened_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant()))
                .list();
    }
}
