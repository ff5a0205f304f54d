package jp.renkei.hub.dicom.secondread;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.renkei.hub.dicom.deid.DateHandling;
import jp.renkei.hub.dicom.deid.StudyPseudonym;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Second-read requests in {@code hub.second_read} (migration V8_5). */
@Repository
class SecondReadStore {

    private final JdbcClient jdbc;

    SecondReadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SecondRead read) {
        jdbc.sql("""
                INSERT INTO hub.second_read (id, requesting_facility_id, reading_facility_id, study_uid, question, status,
                    pseudonym, uid_key, date_handling, date_shift_days, requested_by, requested_at)
                VALUES (:id, :requesting, :reading, :study, :question, :status, :pseudonym, :key, :dates, :shift,
                    :by, :at)
                """)
                .param("id", read.id()).param("requesting", UUID.fromString(read.requestingFacilityId()))
                .param("reading", UUID.fromString(read.readingFacilityId())).param("study", read.studyUid())
                .param("question", read.question()).param("status", read.status().name())
                .param("pseudonym", read.pseudonym().token()).param("key", read.pseudonym().uidKey())
                .param("dates", read.dateHandling().name()).param("shift", read.pseudonym().dateShiftDays())
                .param("by", read.requested().personId()).param("at", Timestamp.from(read.requested().at()))
                .update();
    }

    Optional<SecondRead> find(UUID id) {
        return jdbc.sql("SELECT * FROM hub.second_read WHERE id = :id").param("id", id)
                .query(SecondReadStore::read).optional();
    }

    List<SecondRead> requestedBy(String facilityId) {
        return jdbc.sql("SELECT * FROM hub.second_read WHERE requesting_facility_id = :facility "
                        + "ORDER BY requested_at DESC, id")
                .param("facility", UUID.fromString(facilityId)).query(SecondReadStore::read).list();
    }

    List<SecondRead> addressedTo(String facilityId, Collection<SecondReadStatus> statuses) {
        return jdbc.sql("SELECT * FROM hub.second_read WHERE reading_facility_id = :facility "
                        + "AND status IN (:statuses) ORDER BY requested_at, id")
                .param("facility", UUID.fromString(facilityId))
                .param("statuses", statuses.stream().map(Enum::name).collect(Collectors.toList()))
                .query(SecondReadStore::read).list();
    }

    /**
     * Moves the request from {@code from} to {@code to}, setting the given columns, only if it is still in
     * {@code from}: of two concurrent moves exactly one wins.
     *
     * @param columns column name → value; names are this class's callers' constants, never user input
     */
    boolean move(UUID id, SecondReadStatus from, SecondReadStatus to, Map<String, Object> columns) {
        Map<String, Object> set = new LinkedHashMap<>(columns);
        StringBuilder sql = new StringBuilder("UPDATE hub.second_read SET status = :to");
        set.keySet().forEach(column -> sql.append(", ").append(column).append(" = :").append(column));
        sql.append(" WHERE id = :id AND status = :from");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("to", to.name()).param("from", from.name())
                .param("id", id);
        for (Map.Entry<String, Object> column : set.entrySet()) {
            Object value = column.getValue() instanceof Instant instant ? Timestamp.from(instant) : column.getValue();
            statement = statement.param(column.getKey(), value);
        }
        return statement.update() == 1;
    }

    private static SecondRead read(ResultSet rs, int row) throws SQLException {
        return new SecondRead(rs.getObject("id", UUID.class), rs.getString("requesting_facility_id"),
                rs.getString("reading_facility_id"), rs.getString("study_uid"), rs.getString("question"),
                SecondReadStatus.valueOf(rs.getString("status")),
                new StudyPseudonym(rs.getString("pseudonym"), rs.getBytes("uid_key"), rs.getInt("date_shift_days")),
                DateHandling.valueOf(rs.getString("date_handling")),
                step(rs, "requested"), step(rs, "claimed"), step(rs, "reported"), step(rs, "acknowledged"),
                step(rs, "cancelled"), rs.getString("diagnostic_report_id"), rs.getString("provenance_id"),
                rs.getString("report_signature"));
    }

    private static SecondRead.Step step(ResultSet rs, String name) throws SQLException {
        String by = rs.getString(name + "_by");
        Timestamp at = rs.getTimestamp(name + "_at");
        return by == null ? null : new SecondRead.Step(by, at.toInstant());
    }
}
