package jp.renkei.hub.consent;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.renkei.hub.core.patient.EventNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code hub.consent} and {@code hub.consent_version}. */
@Repository
class ConsentStore {

    private final JdbcClient jdbc;

    ConsentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises every change to one patient's consents (the overlap check reads all of them), without
     * blocking anything else; released at commit.
     */
    void lockPatient(EventNumber number) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('hub.consent:' || :number))")
                .param("number", number.digits())
                .query((rs, i) -> 1)
                .list();
    }

    void insertConsent(UUID id, EventNumber number, ConsentCategory category, Instant at) {
        jdbc.sql("INSERT INTO hub.consent (id, event_number, category, created_at) VALUES (:id, :number, :category, :at)")
                .param("id", id)
                .param("number", number.digits())
                .param("category", category.name())
                .param("at", Timestamp.from(at))
                .update();
    }

    void insertVersion(UUID consentId, ConsentVersion version, ScannedForm form) {
        ConsentTerms terms = version.terms();
        jdbc.sql("""
                INSERT INTO hub.consent_version (consent_id, version, change, status, grantee_facilities,
                    source_facilities, valid_from, valid_until, obtained_via, obtaining_facility, obtained_by,
                    form_content_type, form, reason, actor_id, actor_facility, changed_at)
                VALUES (:id, :version, :change, :status, CAST(:grantees AS uuid[]), CAST(:sources AS uuid[]),
                    :validFrom, :validUntil, :via, :obtainingFacility, :obtainedBy, :formType, :form, :reason,
                    :actor, :actorFacility, :at)
                """)
                .param("id", consentId)
                .param("version", version.version())
                .param("change", version.change().name())
                .param("status", version.storedStatus().name())
                .param("grantees", arrayLiteral(terms.grantees()))
                .param("sources", arrayLiteral(terms.sources()))
                .param("validFrom", Timestamp.from(terms.period().start()))
                .param("validUntil", terms.period().end() == null ? null : Timestamp.from(terms.period().end()))
                .param("via", terms.obtainedVia().name())
                .param("obtainingFacility", UUID.fromString(version.obtainingFacilityId()))
                .param("obtainedBy", version.obtainedBy())
                .param("formType", form == null ? null : form.contentType())
                .param("form", form == null ? null : form.content())
                .param("reason", version.reason())
                .param("actor", version.obtainedBy())
                .param("actorFacility", UUID.fromString(version.obtainingFacilityId()))
                .param("at", Timestamp.from(version.changedAt()))
                .update();
    }

    Optional<ConsentRecord> find(UUID id) {
        return load("c.id = :key", id).stream().findFirst();
    }

    Optional<ScannedForm> form(UUID consentId, int version) {
        return jdbc.sql("SELECT form_content_type, form FROM hub.consent_version"
                        + " WHERE consent_id = :id AND version = :version AND form IS NOT NULL")
                .param("id", consentId)
                .param("version", version)
                .query((rs, i) -> new ScannedForm(rs.getString("form_content_type"), rs.getBytes("form")))
                .optional();
    }

    /** Every consent recorded under any of the numbers (a patient's survivor and merged numbers). */
    List<ConsentRecord> ofPatient(Collection<EventNumber> numbers) {
        return load("c.event_number IN (:key)", numbers.stream().map(EventNumber::digits).toList());
    }

    private List<ConsentRecord> load(String where, Object key) {
        Map<UUID, Header> headers = new LinkedHashMap<>();
        Map<UUID, List<ConsentVersion>> versions = new LinkedHashMap<>();
        jdbc.sql("SELECT c.event_number, c.category, v.consent_id, v.version, v.change, v.status,"
                        + " v.grantee_facilities, v.source_facilities, v.valid_from, v.valid_until, v.obtained_via,"
                        + " v.obtaining_facility, v.obtained_by, v.form_content_type, octet_length(v.form) AS form_size,"
                        + " v.reason, v.changed_at FROM hub.consent c"
                        + " JOIN hub.consent_version v ON v.consent_id = c.id WHERE " + where
                        + " ORDER BY c.created_at, c.id, v.version")
                .param("key", key)
                .query(rs -> {
                    UUID id = rs.getObject("consent_id", UUID.class);
                    headers.putIfAbsent(id, new Header(new EventNumber(rs.getString("event_number")),
                            ConsentCategory.valueOf(rs.getString("category"))));
                    versions.computeIfAbsent(id, k -> new ArrayList<>()).add(version(rs));
                });
        return headers.entrySet().stream()
                .map(e -> new ConsentRecord(e.getKey(), e.getValue().number(), e.getValue().category(),
                        versions.get(e.getKey())))
                .toList();
    }

    private record Header(EventNumber number, ConsentCategory category) {
    }

    private static ConsentVersion version(ResultSet rs) throws SQLException {
        Timestamp until = rs.getTimestamp("valid_until");
        String formType = rs.getString("form_content_type");
        ConsentTerms terms = new ConsentTerms(scope(rs.getArray("grantee_facilities")),
                scope(rs.getArray("source_facilities")),
                new ValidityPeriod(rs.getTimestamp("valid_from").toInstant(), until == null ? null : until.toInstant()),
                ObtainedVia.valueOf(rs.getString("obtained_via")));
        return new ConsentVersion(rs.getInt("version"), ConsentChange.valueOf(rs.getString("change")),
                ConsentStatus.valueOf(rs.getString("status")), terms, rs.getString("obtaining_facility"),
                rs.getString("obtained_by"), formType == null ? null : new FormSummary(formType, rs.getInt("form_size")),
                rs.getString("reason"), rs.getTimestamp("changed_at").toInstant());
    }

    private static FacilityScope scope(Array array) throws SQLException {
        if (array == null) {
            return FacilityScope.everyFacility();
        }
        Set<String> ids = Arrays.stream((Object[]) array.getArray()).map(Object::toString).collect(Collectors.toSet());
        return FacilityScope.only(ids);
    }

    /** PostgreSQL array text of the listed IDs (UUIDs only, so nothing needs quoting); null for ALL. */
    private static String arrayLiteral(FacilityScope scope) {
        if (scope.all()) {
            return null;
        }
        return scope.facilityIds().stream()
                .map(id -> UUID.fromString(id).toString())
                .sorted()
                .collect(Collectors.joining(",", "{", "}"));
    }
}
