package jp.renkei.hub.carenet.room;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.renkei.hub.consent.ScannedForm;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rooms and their members in {@code hub.care_room} and {@code hub.care_room_member}. */
@Repository
public class RoomStore {

    private static final String ROOM_COLUMNS = "id, patient_name, patient_name_kana, patient_birth_date, event_number,"
            + " status, applicant_id, applicant_facility, caretaker_id, form_content_type, octet_length(form) AS form_size,"
            + " applied_at, decided_at, decided_by, decision_reason, closed_at, last_activity_at";
    private static final String MEMBER_COLUMNS = "id, room_id, person_id, display_name, profession, facility_id, kind,"
            + " proposed, added_at, added_by, removed_at, removed_by, removal_reason";

    private final JdbcClient jdbc;

    public RoomStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Room room, ScannedForm form) {
        jdbc.sql("INSERT INTO hub.care_room (id, patient_name, patient_name_kana, patient_birth_date, event_number,"
                        + " status, applicant_id, applicant_facility, caretaker_id, form_content_type, form, applied_at,"
                        + " last_activity_at) VALUES (:id, :name, :kana, :birth, :number, :status, :applicant,"
                        + " :facility, :caretaker, :type, :form, :at, :at)")
                .param("id", room.id()).param("name", room.patientName()).param("kana", room.patientNameKana())
                .param("birth", room.patientBirthDate()).param("number", room.eventNumber())
                .param("status", room.status().name()).param("applicant", room.applicantId())
                .param("facility", room.applicantFacilityId()).param("caretaker", room.caretakerId())
                .param("type", form.contentType()).param("form", form.content())
                .param("at", Timestamp.from(room.appliedAt()))
                .update();
    }

    public Optional<Room> find(UUID id) {
        return jdbc.sql("SELECT " + ROOM_COLUMNS + " FROM hub.care_room WHERE id = :id").param("id", id)
                .query(RoomStore::room).optional();
    }

    /** The room, locked against concurrent status and member changes. */
    public Optional<Room> findForUpdate(UUID id) {
        return jdbc.sql("SELECT " + ROOM_COLUMNS + " FROM hub.care_room WHERE id = :id FOR UPDATE").param("id", id)
                .query(RoomStore::room).optional();
    }

    public List<Room> withStatus(RoomStatus status) {
        return jdbc.sql("SELECT " + ROOM_COLUMNS + " FROM hub.care_room WHERE status = :status ORDER BY applied_at")
                .param("status", status.name()).query(RoomStore::room).list();
    }

    /** Rooms where the person is a current member. */
    public List<Room> ofMember(String personId) {
        return jdbc.sql("SELECT " + ROOM_COLUMNS + " FROM hub.care_room r WHERE EXISTS (SELECT 1 FROM"
                        + " hub.care_room_member m WHERE m.room_id = r.id AND m.person_id = :person AND m.removed_at IS NULL)"
                        + " ORDER BY last_activity_at DESC")
                .param("person", personId).query(RoomStore::room).list();
    }

    /** Rooms whose last activity is before {@code before}, oldest first (rooms never opened are not listed). */
    public List<Room> idleSince(Instant before) {
        return jdbc.sql("SELECT " + ROOM_COLUMNS + " FROM hub.care_room WHERE last_activity_at < :before"
                        + " AND status IN ('OPEN', 'CLOSED', 'ARCHIVED') ORDER BY last_activity_at")
                .param("before", Timestamp.from(before)).query(RoomStore::room).list();
    }

    public Optional<Instant> idleNotifiedAt(UUID id) {
        return jdbc.sql("SELECT idle_notified_at FROM hub.care_room WHERE id = :id").param("id", id)
                .query((rs, i) -> instant(rs, "idle_notified_at")).optional().filter(java.util.Objects::nonNull);
    }

    public void markIdleNotified(UUID id, Instant at) {
        jdbc.sql("UPDATE hub.care_room SET idle_notified_at = :at WHERE id = :id")
                .param("id", id).param("at", Timestamp.from(at)).update();
    }

    /** Deletes the room and everything in it. */
    public void delete(UUID id) {
        jdbc.sql("DELETE FROM hub.care_document WHERE room_id = :id").param("id", id).update();
        String posts = "SELECT id FROM hub.care_post WHERE room_id = :id";
        for (String table : List.of("care_attachment", "care_read_receipt", "care_pin", "care_comment")) {
            jdbc.sql("DELETE FROM hub." + table + " WHERE post_id IN (" + posts + ")").param("id", id).update();
        }
        jdbc.sql("DELETE FROM hub.care_post WHERE room_id = :id").param("id", id).update();
        String conversations = "SELECT id FROM hub.care_conversation WHERE room_id = :id";
        for (String table : List.of("care_message", "care_conversation_participant")) {
            jdbc.sql("DELETE FROM hub." + table + " WHERE conversation_id IN (" + conversations + ")").param("id", id)
                    .update();
        }
        jdbc.sql("DELETE FROM hub.care_conversation WHERE room_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM hub.care_room_member WHERE room_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM hub.care_room WHERE id = :id").param("id", id).update();
    }

    public Optional<ScannedForm> form(UUID id) {
        return jdbc.sql("SELECT form_content_type, form FROM hub.care_room WHERE id = :id").param("id", id)
                .query((rs, i) -> new ScannedForm(rs.getString(1), rs.getBytes(2))).optional();
    }

    public void decide(UUID id, RoomStatus status, String by, String reason, Instant at) {
        jdbc.sql("UPDATE hub.care_room SET status = :status, decided_at = :at, decided_by = :by,"
                        + " decision_reason = :reason, last_activity_at = :at WHERE id = :id")
                .param("id", id).param("status", status.name()).param("by", by).param("reason", reason)
                .param("at", Timestamp.from(at)).update();
    }

    public void setStatus(UUID id, RoomStatus status, Instant at) {
        jdbc.sql("UPDATE hub.care_room SET status = :status, closed_at = COALESCE(closed_at, :at),"
                        + " last_activity_at = :at WHERE id = :id")
                .param("id", id).param("status", status.name()).param("at", Timestamp.from(at)).update();
    }

    public void setCaretaker(UUID id, String personId, Instant at) {
        jdbc.sql("UPDATE hub.care_room SET caretaker_id = :person, last_activity_at = :at WHERE id = :id")
                .param("id", id).param("person", personId).param("at", Timestamp.from(at)).update();
    }

    public void touch(UUID id, Instant at) {
        jdbc.sql("UPDATE hub.care_room SET last_activity_at = :at WHERE id = :id")
                .param("id", id).param("at", Timestamp.from(at)).update();
    }

    public void insertMember(Member member) {
        jdbc.sql("INSERT INTO hub.care_room_member (id, room_id, person_id, display_name, profession, facility_id,"
                        + " kind, proposed, added_at, added_by) VALUES (:id, :room, :person, :name, :profession,"
                        + " :facility, :kind, :proposed, :at, :by)")
                .param("id", member.id()).param("room", member.roomId()).param("person", member.personId())
                .param("name", member.displayName()).param("profession", member.profession())
                .param("facility", member.facilityId()).param("kind", member.kind().name())
                .param("proposed", member.proposed()).param("at", Timestamp.from(member.addedAt()))
                .param("by", member.addedBy())
                .update();
    }

    public void removeMember(UUID memberId, String by, String reason, Instant at) {
        jdbc.sql("UPDATE hub.care_room_member SET removed_at = :at, removed_by = :by, removal_reason = :reason"
                        + " WHERE id = :id AND removed_at IS NULL")
                .param("id", memberId).param("by", by).param("reason", reason).param("at", Timestamp.from(at))
                .update();
    }

    /** The person's current membership of the room, if any. */
    public Optional<Member> currentMember(UUID roomId, String personId) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM hub.care_room_member WHERE room_id = :room"
                        + " AND person_id = :person AND removed_at IS NULL")
                .param("room", roomId).param("person", personId).query(RoomStore::member).optional();
    }

    /** The person's latest removed membership of the room, if they were ever removed from it. */
    public Optional<Member> lastRemovedMember(UUID roomId, String personId) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM hub.care_room_member WHERE room_id = :room"
                        + " AND person_id = :person AND removed_at IS NOT NULL ORDER BY removed_at DESC LIMIT 1")
                .param("room", roomId).param("person", personId).query(RoomStore::member).optional();
    }

    /** Every membership, current and removed, oldest first: the log of staff changes. */
    public List<Member> members(UUID roomId) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM hub.care_room_member WHERE room_id = :room"
                        + " ORDER BY added_at, display_name")
                .param("room", roomId).query(RoomStore::member).list();
    }

    public List<Member> currentMembers(UUID roomId) {
        return members(roomId).stream().filter(Member::current).toList();
    }

    private static Room room(ResultSet rs, int row) throws SQLException {
        java.sql.Date birth = rs.getDate("patient_birth_date");
        return new Room(rs.getObject("id", UUID.class), rs.getString("patient_name"), rs.getString("patient_name_kana"),
                birth == null ? null : birth.toLocalDate(), rs.getString("event_number"),
                RoomStatus.valueOf(rs.getString("status")), rs.getString("applicant_id"),
                rs.getString("applicant_facility"), rs.getString("caretaker_id"), rs.getString("form_content_type"),
                rs.getInt("form_size"), instant(rs, "applied_at"), instant(rs, "decided_at"), rs.getString("decided_by"),
                rs.getString("decision_reason"), instant(rs, "closed_at"), instant(rs, "last_activity_at"));
    }

    private static Member member(ResultSet rs, int row) throws SQLException {
        return new Member(rs.getObject("id", UUID.class), rs.getObject("room_id", UUID.class),
                rs.getString("person_id"), rs.getString("display_name"), rs.getString("profession"),
                rs.getString("facility_id"), MemberKind.valueOf(rs.getString("kind")), rs.getBoolean("proposed"),
                instant(rs, "added_at"), rs.getString("added_by"), instant(rs, "removed_at"),
                rs.getString("removed_by"), rs.getString("removal_reason"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
