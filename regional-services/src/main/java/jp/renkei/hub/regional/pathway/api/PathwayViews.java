package jp.renkei.hub.regional.pathway.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.regional.pathway.Pathway;
import jp.renkei.hub.regional.pathway.PathwayTemplate;
import jp.renkei.hub.regional.pathway.Sheet;
import jp.renkei.hub.regional.pathway.SheetItem;
import jp.renkei.hub.regional.pathway.Stage;
import jp.renkei.hub.regional.pathway.StageCompletion;
import jp.renkei.hub.regional.pathway.StageRecord;

/** The JSON the pathways API answers with. */
public final class PathwayViews {

    private PathwayViews() {
    }

    public record Item(String linkId, String text, String type, boolean required, BigDecimal min, BigDecimal max,
                       String unit, List<SheetItem.Option> options) {
    }

    public record SheetView(String code, String title, String profession, List<Item> items) {
    }

    public record Goal(String code, String text) {
    }

    public record StageView(String code, String title, List<String> facilityKinds, List<Goal> goals,
                            List<SheetView> sheets) {
    }

    public record Template(String code, int version, String title, String condition, List<String> ownerKinds,
                           List<StageView> stages) {
    }

    public record Summary(UUID id, String template, int templateVersion, String title, String eventNumber,
                          String ownerFacilityId, boolean owner, List<String> myStages, Instant startedAt,
                          Map<String, String> stageStatus) {
    }

    public record Record(UUID id, String stage, String sheet, String facilityId, String recordedBy,
                         Instant recordedAt, Map<String, Object> answers) {
    }

    public record Completion(String facilityId, String completedBy, Instant completedAt, Map<String, Boolean> goals,
                             String note) {
    }

    public record StageProgress(String code, String title, String status, List<String> facilities,
                                Completion completion, List<Record> records) {
    }

    public record Detail(UUID id, String template, int templateVersion, String title, String eventNumber,
                         String ownerFacilityId, String startedBy, Instant startedAt, boolean owner, List<String> myStages, List<StageProgress> stages) {
    }

    public static Template template(PathwayTemplate t) {
        return new Template(t.code(), t.version(), t.title(), t.condition(),
                t.ownerKinds().stream().map(Enum::name).sorted().toList(), t.stages().stream().map(s ->
                        new StageView(s.code(), s.title(), s.facilityKinds().stream().map(Enum::name).sorted().toList(),
                                s.goals().stream().map(g -> new Goal(g.code(), g.text())).toList(),
                                s.sheets().stream().map(PathwayViews::sheet).toList())).toList());
    }

    static SheetView sheet(Sheet sheet) {
        return new SheetView(sheet.code(), sheet.title(), sheet.profession().name(), sheet.items().stream()
                .map(i -> new Item(i.linkId(), i.text(), i.kind().fileName(), i.required(), i.min(), i.max(),
                        i.unit(), i.options())).toList());
    }

    public static Summary summary(Requester requester, PathwayTemplate template, Pathway p) {
        Map<String, String> status = new LinkedHashMap<>();
        template.stages().forEach(s -> status.put(s.code(), p.status(s.code()).name()));
        return new Summary(p.id(), p.templateCode(), p.templateVersion(), template.title(),
                formatted(p.eventNumber()), p.ownerFacilityId(), p.ownedBy(requester.facilityId()),
                myStages(requester, template, p), p.startedAt(), status);
    }

    public static Detail detail(Requester requester, PathwayTemplate template, Pathway p, List<StageRecord> shown) {
        List<StageProgress> stages = new ArrayList<>();
        for (Stage stage : template.stages()) {
            StageCompletion c = p.completion(stage.code()).orElse(null);
            stages.add(new StageProgress(stage.code(), stage.title(), p.status(stage.code()).name(),
                    p.participants().getOrDefault(stage.code(), List.of()),
                    c == null ? null : new Completion(c.facilityId(), c.personName(), c.completedAt(), c.goals(),
                            c.note()),
                    shown.stream().filter(r -> r.stageCode().equals(stage.code())).map(PathwayViews::record)
                            .toList()));
        }
        return new Detail(p.id(), p.templateCode(), p.templateVersion(), template.title(),
                formatted(p.eventNumber()), p.ownerFacilityId(), p.startedByName(), p.startedAt(),
                p.ownedBy(requester.facilityId()),
                myStages(requester, template, p), stages);
    }

    public static Record record(StageRecord r) {
        Map<String, Object> answers = new LinkedHashMap<>();
        r.answers().forEach((k, v) -> answers.put(k, v instanceof java.time.LocalDate d ? d.toString() : v));
        return new Record(r.id(), r.stageCode(), r.sheetCode(), r.facilityId(), r.personName(), r.recordedAt(),
                answers);
    }

    private static List<String> myStages(Requester requester, PathwayTemplate template, Pathway p) {
        return template.stages().stream().map(Stage::code).filter(p.stagesOf(requester.facilityId())::contains)
                .toList();
    }

    private static String formatted(String digits) {
        return new jp.renkei.hub.core.patient.EventNumber(digits).formatted();
    }
}
