package jp.renkei.hub.core.facility;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The facility tables of schema {@code hub}. Knows SQL, not rules: {@link FacilityRegistry} decides. */
@Repository
class FacilityRepository {

    /** Who already holds a code or an AE title the caller wants. */
    record Holder(String taken, String facilityId, String facilityName) {
    }

    private static final String SELECT_FACILITY = """
            SELECT f.*, ARRAY(SELECT a.ae_title FROM hub.facility_ae_title a
                              WHERE a.facility_id = f.id ORDER BY a.position) AS ae_titles
            FROM hub.facility f
            """;

    private final JdbcClient jdbc;

    FacilityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, FacilityApplication application, FacilityStatus status, Instant now, String actorId) {
        FacilityDetails details = application.details();
        MedicalInstitutionCode code = application.medicalInstitutionCode();
        jdbc.sql("""
                INSERT INTO hub.facility (id, kind, medical_institution_code, name, name_kana, postal_code,
                    prefecture, city, address_line, region, phone, email, status, created_at, updated_at, updated_by)
                VALUES (:id, :kind, :code, :name, :kana, :postalCode, :prefecture, :city, :line, :region,
                    :phone, :email, :status, :now, :now, :actor)
                """)
                .params(detailColumns(details))
                .param("id", id)
                .param("kind", application.kind().name())
                .param("code", code == null ? null : code.value())
                .param("status", status.name())
                .param("now", timestamp(now))
                .param("actor", actorId)
                .update();
        insertAeTitles(id, details.aeTitles());
    }

    void updateDetails(UUID id, FacilityDetails details, Instant now, String actorId) {
        jdbc.sql("""
                UPDATE hub.facility SET name = :name, name_kana = :kana, postal_code = :postalCode,
                    prefecture = :prefecture, city = :city, address_line = :line, region = :region,
                    phone = :phone, email = :email, updated_at = :now, updated_by = :actor
                WHERE id = :id
                """)
                .params(detailColumns(details))
                .param("id", id)
                .param("now", timestamp(now))
                .param("actor", actorId)
                .update();
        jdbc.sql("DELETE FROM hub.facility_ae_title WHERE facility_id = :id").param("id", id).update();
        insertAeTitles(id, details.aeTitles());
    }

    void updateStatus(UUID id, FacilityStatus status, Instant now, String actorId) {
        jdbc.sql("UPDATE hub.facility SET status = :status, updated_at = :now, updated_by = :actor WHERE id = :id")
                .param("status", status.name())
                .param("now", timestamp(now))
                .param("actor", actorId)
                .param("id", id)
                .update();
    }

    void recordStatusChange(UUID id, FacilityStatusChange change) {
        jdbc.sql("""
                INSERT INTO hub.facility_status_history (facility_id, from_status, to_status, reason, actor_id, changed_at)
                VALUES (:id, :from, :to, :reason, :actor, :at)
                """)
                .param("id", id)
                .param("from", change.from() == null ? null : change.from().name())
                .param("to", change.to().name())
                .param("reason", change.reason())
                .param("actor", change.actorId())
                .param("at", timestamp(change.changedAt()))
                .update();
    }

    /** The current status, with the facility's row locked until the transaction ends. */
    Optional<FacilityStatus> lockStatus(UUID id) {
        return jdbc.sql("SELECT status FROM hub.facility WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(String.class).optional().map(FacilityStatus::valueOf);
    }

    Optional<Facility> find(UUID id) {
        return jdbc.sql(SELECT_FACILITY + " WHERE f.id = :id").param("id", id)
                .query(FacilityRepository::facility).optional();
    }

    Optional<Facility> findByAeTitle(String aeTitle) {
        return jdbc.sql(SELECT_FACILITY + " WHERE f.id = (SELECT a.facility_id FROM hub.facility_ae_title a"
                        + " WHERE a.ae_title = :title)").param("title", aeTitle)
                .query(FacilityRepository::facility).optional();
    }

    /** Facilities matching every given criterion ({@code null}: any), in kana order. */
    List<Facility> list(FacilityStatus status, FacilityKind kind, String region) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (status != null) {
            conditions.add("f.status = :status");
            params.put("status", status.name());
        }
        if (kind != null) {
            conditions.add("f.kind = :kind");
            params.put("kind", kind.name());
        }
        if (region != null) {
            conditions.add("f.region = :region");
            params.put("region", region);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return jdbc.sql(SELECT_FACILITY + where + " ORDER BY f.name_kana, f.id").params(params)
                .query(FacilityRepository::facility).list();
    }

    List<FacilityStatusChange> history(UUID id) {
        return jdbc.sql("""
                SELECT from_status, to_status, reason, actor_id, changed_at FROM hub.facility_status_history
                WHERE facility_id = :id ORDER BY id
                """)
                .param("id", id)
                .query((rs, row) -> new FacilityStatusChange(
                        rs.getString("from_status") == null ? null : FacilityStatus.valueOf(rs.getString("from_status")),
                        FacilityStatus.valueOf(rs.getString("to_status")),
                        rs.getString("reason"),
                        rs.getString("actor_id"),
                        instant(rs, "changed_at")))
                .list();
    }

    Optional<Holder> holderOfCode(MedicalInstitutionCode code) {
        return jdbc.sql("SELECT medical_institution_code, id, name FROM hub.facility WHERE medical_institution_code = :code")
                .param("code", code.value())
                .query((rs, row) -> new Holder(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** Facilities other than {@code except} that hold any of {@code titles}. */
    List<Holder> holdersOfAeTitles(List<AeTitle> titles, UUID except) {
        if (titles.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT a.ae_title, f.id, f.name FROM hub.facility_ae_title a JOIN hub.facility f ON f.id = a.facility_id
                WHERE a.ae_title IN (:titles) AND a.facility_id <> :except ORDER BY a.ae_title
                """)
                .param("titles", titles.stream().map(AeTitle::value).toList())
                .param("except", except)
                .query((rs, row) -> new Holder(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    private void insertAeTitles(UUID id, List<AeTitle> titles) {
        for (int i = 0; i < titles.size(); i++) {
            jdbc.sql("INSERT INTO hub.facility_ae_title (ae_title, facility_id, position) VALUES (:title, :id, :position)")
                    .param("title", titles.get(i).value())
                    .param("id", id)
                    .param("position", i)
                    .update();
        }
    }

    private static Map<String, Object> detailColumns(FacilityDetails details) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("name", details.name());
        columns.put("kana", details.nameKana());
        columns.put("postalCode", details.address().postalCode());
        columns.put("prefecture", details.address().prefecture());
        columns.put("city", details.address().city());
        columns.put("line", details.address().line());
        columns.put("region", details.region());
        columns.put("phone", details.contact().phone());
        columns.put("email", details.contact().email());
        return columns;
    }

    private static Facility facility(ResultSet rs, int row) throws SQLException {
        String code = rs.getString("medical_institution_code");
        String[] aeTitles = (String[]) rs.getArray("ae_titles").getArray();
        FacilityDetails details = new FacilityDetails(
                rs.getString("name"),
                rs.getString("name_kana"),
                new PostalAddress(rs.getString("postal_code"), rs.getString("prefecture"), rs.getString("city"),
                        rs.getString("address_line")),
                rs.getString("region"),
                new FacilityContact(rs.getString("phone"), rs.getString("email")),
                Arrays.stream(aeTitles).map(AeTitle::new).toList());
        return new Facility(
                rs.getString("id"),
                FacilityKind.valueOf(rs.getString("kind")),
                code == null ? null : new MedicalInstitutionCode(code),
                details,
                FacilityStatus.valueOf(rs.getString("status")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getString("updated_by"));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
