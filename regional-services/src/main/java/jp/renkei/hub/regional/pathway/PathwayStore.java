package jp.renkei.hub.regional.pathway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Pathways in {@code hub.pathway}, their named facilities ({@code hub.pathway_participant}), recorded sheets
 * ({@code hub.pathway_record}) and done stages ({@code hub.pathway_stage_completion}). Answers are stored as the
 * text of each value and typed again by the sheet when read.
 */
@Repository
public class PathwayStore {

    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Boolean>> GOALS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final PathwayTemplates templates;

    public PathwayStore(JdbcClient jdbc, ObjectMapper json, PathwayTemplates templates) {
        this.jdbc = jdbc;
        this.json = json;
        this.templates = templates;
    }

    void insert(Pathway pathway) {
        jdbc.sql("INSERT INTO hub.pathway (id, template_code, template_version, owner_facility_id, event_number,"
                        + " started_by, started_by_name, started_at) VALUES (:id, :code, :version, :owner, :number,"
                        + " :by, :byName, :at)")
                .param("id", pathway.id()).param("code", pathway.templateCode())
                .param("version", pathway.templateVersion()).param("owner", pathway.ownerFacilityId())
                .param("number", pathway.eventNumber())
                .param("by", pathway.startedBy()).param("byName", pathway.startedByName())
                .param("at", Timestamp.from(pathway.startedAt())).update();
        int order = 0;
        for (Map.Entry<String, List<String>> stage : pathway.participants().entrySet()) {
            for (String facility : stage.getValue()) {
                jdbc.sql("INSERT INTO hub.pathway_participant (pathway_id, stage_code, facility_id, position)"
                                + " VALUES (:id, :stage, :facility, :position)")
                        .param("id", pathway.id()).param("stage", stage.getKey()).param("facility", facility)
                        .param("position", order++).update();
            }
        }
    }

    void insertRecord(UUID pathwayId, StageRecord record) {
        Map<String, String> texts = new LinkedHashMap<>();
        record.answers().forEach((linkId, value) -> texts.put(linkId, text(value)));
        jdbc.sql("INSERT INTO hub.pathway_record (id, pathway_id, stage_code, sheet_code, facility_id, person_id,"
                        + " person_name, recorded_at, answers) VALUES (:id, :pathway, :stage, :sheet, :facility, :person,"
                        + " :name, :at, CAST(:answers AS jsonb))")
                .param("id", record.id()).param("pathway", pathwayId).param("stage", record.stageCode())
                .param("sheet", record.sheetCode()).param("facility", record.facilityId())
                .param("person", record.personId()).param("name", record.personName())
                .param("at", Timestamp.from(record.recordedAt())).param("answers", write(texts)).update();
    }

    /** Marks the stage done unless it is already; {@code false} when another completion came first. */
    boolean complete(UUID pathwayId, StageCompletion completion) {
        return jdbc.sql("INSERT INTO hub.pathway_stage_completion (pathway_id, stage_code, facility_id, person_id,"
                        + " person_name, completed_at, goals, note) VALUES (:pathway, :stage, :facility, :person,"
                        + " :name, :at, CAST(:goals AS jsonb), :note) ON CONFLICT DO NOTHING")
                .param("pathway", pathwayId).param("stage", completion.stageCode())
                .param("facility", completion.facilityId()).param("person", completion.personId())
                .param("name", completion.personName()).param("at", Timestamp.from(completion.completedAt()))
                .param("goals", write(completion.goals())).param("note", completion.note()).update() == 1;
    }

    /** Takes the pathway's row lock, so recordings and completions of one pathway follow one another. */
    void lock(UUID id) {
        jdbc.sql("SELECT id FROM hub.pathway WHERE id = :id FOR UPDATE").param("id", id).query(UUID.class).optional();
    }

    public Optional<Pathway> find(UUID id) {
        return jdbc.sql("SELECT * FROM hub.pathway WHERE id = :id").param("id", id).query(this::pathway).optional();
    }

    /** The pathways the facility owns or takes part in, newest first. */
    List<Pathway> involving(String facilityId) {
        return jdbc.sql("SELECT * FROM hub.pathway p WHERE p.owner_facility_id = :facility OR EXISTS (SELECT 1 FROM"
                        + " hub.pathway_participant x WHERE x.pathway_id = p.id AND x.facility_id = :facility)"
                        + " ORDER BY p.started_at DESC")
                .param("facility", facilityId).query(this::pathway).list();
    }

    boolean exists(String templateCode, String eventNumber, String ownerFacilityId) {
        return jdbc.sql("SELECT count(*) FROM hub.pathway WHERE template_code = :code AND event_number = :number"
                        + " AND owner_facility_id = :owner").param("code", templateCode).param("number", eventNumber)
                .param("owner", ownerFacilityId).query(Long.class).single() > 0;
    }

    private Pathway pathway(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        PathwayTemplate template = templates.version(rs.getString("template_code"), rs.getInt("template_version"));
        Map<String, List<String>> participants = new LinkedHashMap<>();
        template.stages().forEach(stage -> participants.put(stage.code(), new ArrayList<>()));
        jdbc.sql("SELECT stage_code, facility_id FROM hub.pathway_participant WHERE pathway_id = :id ORDER BY position")
                .param("id", id).query((r, n) -> Map.entry(r.getString(1), r.getString(2))).list()
                .forEach(e -> participants.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        participants.replaceAll((stage, facilities) -> List.copyOf(facilities));
        Map<String, StageCompletion> completions = new LinkedHashMap<>();
        jdbc.sql("SELECT stage_code, facility_id, person_id, person_name, completed_at, goals::text AS goals, note"
                        + " FROM hub.pathway_stage_completion WHERE pathway_id = :id").param("id", id)
                .query((r, n) -> new StageCompletion(r.getString("stage_code"), r.getString("facility_id"),
                        r.getString("person_id"), r.getString("person_name"),
                        r.getTimestamp("completed_at").toInstant(), read(r.getString("goals"), GOALS),
                        r.getString("note"))).list()
                .forEach(c -> completions.put(c.stageCode(), c));
        List<StageRecord> records = jdbc.sql("SELECT id, stage_code, sheet_code, facility_id, person_id, person_name,"
                        + " recorded_at, answers::text AS answers FROM hub.pathway_record"
                        + " WHERE pathway_id = :id ORDER BY recorded_at, id").param("id", id)
                .query((r, n) -> {
                    String sheetCode = r.getString("sheet_code");
                    Sheet sheet = template.stage(r.getString("stage_code")).flatMap(s -> s.sheet(sheetCode))
                            .orElseThrow();
                    return new StageRecord(r.getObject("id", UUID.class), r.getString("stage_code"), sheet.code(),
                            r.getString("facility_id"), r.getString("person_id"), r.getString("person_name"),
                            r.getTimestamp("recorded_at").toInstant(),
                            SheetCheck.check(sheet, read(r.getString("answers"), TEXTS)));
                }).list();
        return new Pathway(id, template.code(), template.version(), rs.getString("owner_facility_id"),
                rs.getString("event_number"), rs.getString("started_by"), rs.getString("started_by_name"),
                rs.getTimestamp("started_at").toInstant(), participants, completions, records);
    }

    static String text(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write pathway JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored pathway JSON unreadable", e);
        }
    }
}
