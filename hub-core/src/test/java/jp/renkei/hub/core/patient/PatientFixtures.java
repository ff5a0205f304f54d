package jp.renkei.hub.core.patient;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jp.renkei.hub.core.security.HubAuthentication;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Principals, unique local IDs and audit/history reads for the patient tests (the test database is shared). */
public final class PatientFixtures {

    /** One audit row as the patient tests look at it. */
    public record Audited(String action, String actorId, String facilityId, String resource, String detail) {
    }

    private PatientFixtures() {
    }

    public static HubPrincipal person(String facilityId, HubRole role) {
        return new HubPrincipal(HubPrincipal.Kind.PERSON, "person-" + UUID.randomUUID(), "テスト 太郎", facilityId,
                Set.of(role));
    }

    public static HubPrincipal clerk(String facilityId) {
        return person(facilityId, HubRole.CLERK);
    }

    public static HubPrincipal hubAdmin() {
        return person(UUID.randomUUID().toString(), HubRole.HUB_ADMIN);
    }

    public static HubAuthentication authenticated(HubPrincipal principal) {
        return new HubAuthentication(principal);
    }

    public static String localId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public static List<Audited> auditOf(JdbcClient jdbc, EventNumber number) {
        return jdbc.sql("SELECT action, actor_id, facility_id, resource, detail FROM hub.audit_event"
                        + " WHERE patient_ref = :ref ORDER BY seq")
                .param("ref", number.formatted())
                .query((rs, i) -> new Audited(rs.getString("action"), rs.getString("actor_id"),
                        rs.getString("facility_id"), rs.getString("resource"), rs.getString("detail")))
                .list();
    }

    /** The link history of a facility's local ID: "version change number reason" per row, oldest first. */
    public static List<String> historyOf(JdbcClient jdbc, String facilityId, String localPatientId) {
        return jdbc.sql("""
                        SELECT version, change, event_number, previous_number, verified_by, reason, actor_id
                        FROM hub.patient_link_event
                        WHERE facility_id = :facility::uuid AND local_patient_id = :local
                        ORDER BY changed_at, version
                        """)
                .param("facility", facilityId)
                .param("local", localPatientId)
                .query((rs, i) -> rs.getInt("version") + " " + rs.getString("change") + " " + rs.getString("event_number")
                        + (rs.getString("previous_number") == null ? "" : " from " + rs.getString("previous_number"))
                        + (rs.getString("verified_by") == null ? "" : " " + rs.getString("verified_by"))
                        + (rs.getString("reason") == null ? "" : " '" + rs.getString("reason") + "'")
                        + " by " + rs.getString("actor_id"))
                .list();
    }
}
