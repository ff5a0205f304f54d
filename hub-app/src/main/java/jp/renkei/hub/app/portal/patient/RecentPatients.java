package jp.renkei.hub.app.portal.patient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jp.renkei.hub.core.patient.EventNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The patient pages a person opened recently, kept per person and acting facility ({@code
 * hub.portal_recent_patient}): the event number and the subject line the page showed. A page is remembered
 * only after it opened, so the list never names a patient whose page the person could not open; it keeps
 * the {@link #KEPT} newest.
 */
@Component
public class RecentPatients {

    /** How many patients the list keeps per person and facility. */
    public static final int KEPT = 10;

    /** One remembered page. */
    public record Recent(String eventNumber, String subjectLine, Instant openedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    RecentPatients(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public void opened(String personId, String facilityId, EventNumber number, String subjectLine) {
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("""
                INSERT INTO hub.portal_recent_patient (person_id, facility_id, event_number, subject_line, opened_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (person_id, facility_id, event_number)
                DO UPDATE SET subject_line = excluded.subject_line, opened_at = excluded.opened_at""")
                .params(personId, facilityId, number.formatted(), subjectLine, now).update();
        jdbc.sql("""
                DELETE FROM hub.portal_recent_patient WHERE person_id = ? AND facility_id = ? AND event_number NOT IN
                (SELECT event_number FROM hub.portal_recent_patient WHERE person_id = ? AND facility_id = ?
                 ORDER BY opened_at DESC, event_number LIMIT ?)""")
                .params(personId, facilityId, personId, facilityId, KEPT).update();
    }

    /** Newest first. */
    public List<Recent> of(String personId, String facilityId) {
        return jdbc.sql("""
                SELECT event_number, subject_line, opened_at FROM hub.portal_recent_patient
                WHERE person_id = ? AND facility_id = ? ORDER BY opened_at DESC, event_number LIMIT ?""")
                .params(personId, facilityId, KEPT)
                .query((rs, i) -> new Recent(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /** Forgets a page that no longer opens (e.g. the consent was withdrawn since). */
    public void forget(String personId, String facilityId, EventNumber number) {
        jdbc.sql("DELETE FROM hub.portal_recent_patient WHERE person_id = ? AND facility_id = ? AND event_number = ?")
                .params(personId, facilityId, number.formatted()).update();
    }
}
