package jp.renkei.hub.regional.questionnaire;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Questionnaire versions in {@code hub.questionnaire_form}; every query is kept to one facility. */
@Repository
class FormStore {

    private static final String COLUMNS = "id, series_id, facility_id, version, title, items, status, fhir_id,"
            + " created_by, created_at, published_at, retired_at";
    private static final TypeReference<List<Item>> ITEMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    FormStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Form form) {
        jdbc.sql("INSERT INTO hub.questionnaire_form (" + COLUMNS + ") VALUES (:id, :series, :facility, :version,"
                        + " :title, :items, :status, :fhir, :by, :at, :published, :retired)")
                .param("id", form.id()).param("series", form.seriesId()).param("facility", form.facilityId())
                .param("version", form.version()).param("title", form.title()).param("items", write(form.items()))
                .param("status", form.status().name()).param("fhir", form.fhirId()).param("by", form.createdBy())
                .param("at", Timestamp.from(form.createdAt())).param("published", ts(form.publishedAt()))
                .param("retired", ts(form.retiredAt())).update();
    }

    /** Saves a draft's items; a version that is no longer a draft is left alone (false). */
    boolean updateDraftItems(Form form) {
        return jdbc.sql("UPDATE hub.questionnaire_form SET items = :items WHERE id = :id AND facility_id = :facility"
                        + " AND status = 'DRAFT'")
                .param("items", write(form.items())).param("id", form.id()).param("facility", form.facilityId())
                .update() == 1;
    }

    void published(UUID id, String fhirId, Instant at) {
        jdbc.sql("UPDATE hub.questionnaire_form SET status = 'ACTIVE', fhir_id = :fhir, published_at = :at"
                        + " WHERE id = :id AND status = 'DRAFT'")
                .param("fhir", fhirId).param("at", Timestamp.from(at)).param("id", id).update();
    }

    void retired(UUID id, Instant at) {
        jdbc.sql("UPDATE hub.questionnaire_form SET status = 'RETIRED', retired_at = :at WHERE id = :id"
                        + " AND status = 'ACTIVE'")
                .param("at", Timestamp.from(at)).param("id", id).update();
    }

    /** The facility's version with this id; another facility's is absent. */
    Optional<Form> find(String facilityId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub.questionnaire_form WHERE id = :id AND facility_id = :facility")
                .param("id", id).param("facility", facilityId).query(this::form).optional();
    }

    /** Any facility's version, for the answer page (whose link already names the facility). */
    Optional<Form> byId(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub.questionnaire_form WHERE id = :id")
                .param("id", id).query(this::form).optional();
    }

    /** Every version of the facility's questionnaires: by series, newest version first. */
    List<Form> ofFacility(String facilityId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub.questionnaire_form WHERE facility_id = :facility"
                        + " ORDER BY created_at DESC, version DESC")
                .param("facility", facilityId).query(this::form).list();
    }

    List<Form> series(String facilityId, UUID seriesId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hub.questionnaire_form WHERE facility_id = :facility"
                        + " AND series_id = :series ORDER BY version DESC")
                .param("facility", facilityId).param("series", seriesId).query(this::form).list();
    }

    private Form form(ResultSet rs, int row) throws SQLException {
        return new Form(rs.getObject("id", UUID.class), rs.getObject("series_id", UUID.class),
                rs.getString("facility_id"), rs.getInt("version"), rs.getString("title"), read(rs.getString("items")),
                FormStatus.valueOf(rs.getString("status")), rs.getString("fhir_id"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("published_at")),
                instant(rs.getTimestamp("retired_at")));
    }

    private String write(List<Item> items) {
        try {
            return json.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Item> read(String text) {
        try {
            return json.readValue(text, ITEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("questionnaire items unreadable", e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
