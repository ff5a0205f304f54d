package jp.renkei.hub.regional.directory;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables hub.directory_profile and hub.directory_opening_hours. */
@Repository
class ProfileStore {

    private final JdbcClient jdbc;

    ProfileStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(FacilityProfile profile) {
        jdbc.sql("""
                        INSERT INTO hub.directory_profile (facility_id, care_type, departments, services,
                            municipality_code, municipality_name, latitude, longitude, acceptance, acceptance_note,
                            desk_name, desk_phone, desk_fax, desk_email, desk_person, updated_at, updated_by)
                        VALUES (:facility, :careType, CAST(:departments AS text[]), CAST(:services AS text[]),
                            :municipalityCode, :municipalityName, :latitude, :longitude, :acceptance, :note,
                            :deskName, :deskPhone, :deskFax, :deskEmail, :deskPerson, :updatedAt, :updatedBy)
                        ON CONFLICT (facility_id) DO UPDATE SET care_type = EXCLUDED.care_type,
                            departments = EXCLUDED.departments, services = EXCLUDED.services,
                            municipality_code = EXCLUDED.municipality_code,
                            municipality_name = EXCLUDED.municipality_name, latitude = EXCLUDED.latitude,
                            longitude = EXCLUDED.longitude, acceptance = EXCLUDED.acceptance,
                            acceptance_note = EXCLUDED.acceptance_note, desk_name = EXCLUDED.desk_name,
                            desk_phone = EXCLUDED.desk_phone, desk_fax = EXCLUDED.desk_fax,
                            desk_email = EXCLUDED.desk_email, desk_person = EXCLUDED.desk_person,
                            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
                .param("facility", profile.facilityId())
                .param("careType", profile.careType() == null ? null : profile.careType().name())
                .param("departments", arrayLiteral(profile.departmentList().stream().map(Enum::name).toList()))
                .param("services", arrayLiteral(profile.serviceList().stream().map(Enum::name).toList()))
                .param("municipalityCode", profile.municipality() == null ? null : profile.municipality().code())
                .param("municipalityName", profile.municipality() == null ? null : profile.municipality().name())
                .param("latitude", profile.position() == null ? null : profile.position().latitude())
                .param("longitude", profile.position() == null ? null : profile.position().longitude())
                .param("acceptance", profile.newPatients() == null ? null : profile.newPatients().acceptance().name())
                .param("note", profile.newPatients() == null ? null : profile.newPatients().note())
                .param("deskName", profile.desk() == null ? null : profile.desk().name())
                .param("deskPhone", profile.desk() == null ? null : profile.desk().phone())
                .param("deskFax", profile.desk() == null ? null : profile.desk().fax())
                .param("deskEmail", profile.desk() == null ? null : profile.desk().email())
                .param("deskPerson", profile.desk() == null ? null : profile.desk().person())
                .param("updatedAt", OffsetDateTime.ofInstant(profile.updatedAt(), ZoneOffset.UTC))
                .param("updatedBy", profile.updatedBy())
                .update();
        jdbc.sql("DELETE FROM hub.directory_opening_hours WHERE facility_id = :facility")
                .param("facility", profile.facilityId()).update();
        profile.hours().days().forEach((day, ranges) -> ranges.forEach(range -> jdbc.sql("""
                        INSERT INTO hub.directory_opening_hours (facility_id, weekday, opens, closes)
                        VALUES (:facility, :weekday, :opens, :closes)""")
                .param("facility", profile.facilityId())
                .param("weekday", day.getValue())
                .param("opens", range.opens())
                .param("closes", range.closes())
                .update()));
    }

    Optional<FacilityProfile> find(String facilityId) {
        return list(List.of(facilityId)).stream().findFirst();
    }

    /** Every saved profile, by facility ID. */
    Map<String, FacilityProfile> all() {
        return list(null).stream().collect(Collectors.toMap(FacilityProfile::facilityId, Function.identity()));
    }

    /** The profiles of the given facilities ({@code null}: of all). */
    private List<FacilityProfile> list(Collection<String> facilityIds) {
        String where = facilityIds == null ? "" : " WHERE facility_id IN (:ids)";
        Map<String, Map<DayOfWeek, List<TimeRange>>> hours = new HashMap<>();
        var hoursQuery = jdbc.sql("SELECT facility_id, weekday, opens, closes FROM hub.directory_opening_hours" + where
                + " ORDER BY facility_id, weekday, opens");
        if (facilityIds != null) {
            hoursQuery = hoursQuery.param("ids", facilityIds);
        }
        hoursQuery.query((ResultSet rs) -> {
            hours.computeIfAbsent(rs.getString("facility_id"), id -> new EnumMap<>(DayOfWeek.class))
                    .computeIfAbsent(DayOfWeek.of(rs.getInt("weekday")), day -> new ArrayList<>())
                    .add(new TimeRange(rs.getInt("opens"), rs.getInt("closes")));
        });
        var query = jdbc.sql("SELECT * FROM hub.directory_profile" + where + " ORDER BY facility_id");
        if (facilityIds != null) {
            query = query.param("ids", facilityIds);
        }
        return query.query((rs, row) -> profile(rs, hours.getOrDefault(rs.getString("facility_id"), Map.of()))).list();
    }

    private static FacilityProfile profile(ResultSet rs, Map<DayOfWeek, List<TimeRange>> hours) throws SQLException {
        String careType = rs.getString("care_type");
        String municipalityCode = rs.getString("municipality_code");
        double latitude = rs.getDouble("latitude");
        boolean hasPosition = !rs.wasNull();
        double longitude = rs.getDouble("longitude");
        String acceptance = rs.getString("acceptance");
        String deskName = rs.getString("desk_name");
        return new FacilityProfile(rs.getString("facility_id"),
                careType == null ? null : CareFacilityType.valueOf(careType),
                names(rs.getArray("departments"), Department.class),
                names(rs.getArray("services"), ServiceCode.class),
                municipalityCode == null ? null : new Municipality(municipalityCode, rs.getString("municipality_name")),
                hasPosition ? new Position(latitude, longitude) : null,
                acceptance == null ? null : new NewPatients(Acceptance.valueOf(acceptance), rs.getString("acceptance_note")),
                new OpeningHours(hours),
                deskName == null ? null : new ReferralDesk(deskName, rs.getString("desk_phone"), rs.getString("desk_fax"),
                        rs.getString("desk_email"), rs.getString("desk_person")),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }

    private static <E extends Enum<E>> Set<E> names(Array array, Class<E> type) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        Set<E> values = new java.util.HashSet<>();
        for (Object name : (Object[]) array.getArray()) {
            values.add(Enum.valueOf(type, (String) name));
        }
        return values;
    }

    /** A PostgreSQL array literal of enum names (letters, digits and underscores only, so nothing to quote). */
    private static String arrayLiteral(List<String> names) {
        return "{" + String.join(",", names) + "}";
    }
}
