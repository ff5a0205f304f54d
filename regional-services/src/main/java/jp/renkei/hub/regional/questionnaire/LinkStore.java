package jp.renkei.hub.regional.questionnaire;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Answer links in {@code hub.questionnaire_link}, found by the hash of a token, code or session. */
@Repository
class LinkStore {

    private static final String COLUMNS = "id, form_id, facility_id, patient_id, local_patient_id, event_number,"
            + " visit_date, failed_attempts, issued_by, issued_at, expires_at, verified_at, locked_at, used_at,"
            + " response_fhir_id";

    private final JdbcClient jdbc;

    LinkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AnswerLink link, String tokenHash, String codeHash) {
        jdbc.sql("INSERT INTO hub.questionnaire_link (id, form_id, facility_id, patient_id, local_patient_id,"
                        + " event_number, visit_date, token_hash, code_hash, issued_by, issued_at, expires_at)"
                        + " VALUES (:id, :form, :facility, :patient, :local, :number, :day, :token, :code, :by, :at,"
                        + " :expires)")
                .param("id", link.id()).param("form", link.formId()).param("facility", link.facilityId())
                .param("patient", link.patientId()).param("local", link.localPatientId())
                .param("number", link.eventNumber()).param("day", Date.valueOf(link.visitDate()))
                .param("token", tokenHash).param("code", codeHash).param("by", link.issuedBy())
                .param("at", Timestamp.from(link.issuedAt())).param("expires", Timestamp.from(link.expiresAt()))
                .update();
    }

    /** The link whose {@code column} (token_hash, code_hash or session_hash) is {@code hash}, locked for update. */
    Optional<AnswerLink> byHash(String column, String hash) {
        if (!List.of("token_hash", "code_hash", "session_hash").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub.questionnaire_link WHERE " + column + " = :hash FOR UPDATE")
                .param("hash", hash).query(LinkStore::link).optional();
    }

    /** One more wrong birth date; locks the link at {@code limit}. Returns the link as it is now. */
    AnswerLink failedAttempt(UUID id, int limit, Instant now) {
        jdbc.sql("UPDATE hub.questionnaire_link SET failed_attempts = failed_attempts + 1,"
                        + " locked_at = CASE WHEN failed_attempts + 1 >= :limit THEN :now ELSE locked_at END"
                        + " WHERE id = :id")
                .param("limit", limit).param("now", Timestamp.from(now)).param("id", id).update();
        return byId(id).orElseThrow();
    }

    void verified(UUID id, String sessionHash, Instant now) {
        jdbc.sql("UPDATE hub.questionnaire_link SET session_hash = :session, verified_at = :now WHERE id = :id")
                .param("session", sessionHash).param("now", Timestamp.from(now)).param("id", id).update();
    }

    /** Marks the link used with its response; false when it was used already (single use, under the row lock). */
    boolean used(UUID id, String responseId, Instant now) {
        return jdbc.sql("UPDATE hub.questionnaire_link SET used_at = :now, response_fhir_id = :response,"
                        + " session_hash = NULL WHERE id = :id AND used_at IS NULL")
                .param("now", Timestamp.from(now)).param("response", responseId).param("id", id).update() == 1;
    }

    Optional<AnswerLink> byId(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub.questionnaire_link WHERE id = :id")
                .param("id", id).query(LinkStore::link).optional();
    }

    Optional<AnswerLink> find(String facilityId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub.questionnaire_link WHERE id = :id AND facility_id = :facility")
                .param("id", id).param("facility", facilityId).query(LinkStore::link).optional();
    }

    List<AnswerLink> onDay(String facilityId, LocalDate day) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub.questionnaire_link WHERE facility_id = :facility"
                        + " AND visit_date = :day ORDER BY issued_at")
                .param("facility", facilityId).param("day", Date.valueOf(day)).query(LinkStore::link).list();
    }

    List<AnswerLink> ofLocalPatient(String facilityId, String localPatientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub.questionnaire_link WHERE facility_id = :facility"
                        + " AND local_patient_id = :local ORDER BY visit_date DESC, issued_at DESC")
                .param("facility", facilityId).param("local", localPatientId).query(LinkStore::link).list();
    }

    private static AnswerLink link(ResultSet rs, int row) throws SQLException {
        return new AnswerLink(rs.getObject("id", UUID.class), rs.getObject("form_id", UUID.class),
                rs.getString("facility_id"), rs.getString("patient_id"), rs.getString("local_patient_id"),
                rs.getString("event_number"), rs.getDate("visit_date").toLocalDate(), rs.getInt("failed_attempts"),
                rs.getString("issued_by"), instant(rs.getTimestamp("issued_at")), instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("verified_at")), instant(rs.getTimestamp("locked_at")),
                instant(rs.getTimestamp("used_at")), rs.getString("response_fhir_id"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
