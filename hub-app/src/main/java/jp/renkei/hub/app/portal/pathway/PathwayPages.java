package jp.renkei.hub.app.portal.pathway;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.regional.pathway.InvalidPathway;
import jp.renkei.hub.regional.pathway.Pathway;
import jp.renkei.hub.regional.pathway.PathwayCharts;
import jp.renkei.hub.regional.pathway.PathwayConflict;
import jp.renkei.hub.regional.pathway.PathwayNotFound;
import jp.renkei.hub.regional.pathway.PathwayRefused;
import jp.renkei.hub.regional.pathway.PathwayStart;
import jp.renkei.hub.regional.pathway.PathwayTemplate;
import jp.renkei.hub.regional.pathway.Pathways;
import jp.renkei.hub.regional.pathway.Sheet;
import jp.renkei.hub.regional.pathway.SheetItem;
import jp.renkei.hub.regional.pathway.Stage;
import jp.renkei.hub.regional.pathway.StageRecord;
import jp.renkei.hub.regional.pathway.StageStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The portal's liaison pathways ({@code /portal/pathways}): the facility's pathways, starting one, a pathway's
 * progress (SVG), values and trends, and for a facility named for a stage its sheet and completion forms. Thin:
 * every decision is {@link Pathways}'; a pathway of other facilities gets the same 404 page as one that does not
 * exist.
 */
@Controller
class PathwayPages {

    static final String PATH = "/portal/pathways";
    /** Form fields of a sheet: {@code a.<linkId>}; of a completion: {@code g.<goal>}; of a start: {@code p.<stage>}. */
    static final String ANSWER = "a.";
    static final String GOAL = "g.";
    static final String PARTICIPANT = "p.";

    private final Pathways pathways;
    private final FacilityRegistry facilities;

    PathwayPages(Pathways pathways, FacilityRegistry facilities) {
        this.pathways = pathways;
        this.facilities = facilities;
    }

    /** One row of the list: the pathway, its template and what the facility does in it. */
    record Row(Pathway pathway, PathwayTemplate template, boolean owner, List<Stage> myStages) {
    }

    @GetMapping(PATH)
    String list(HttpServletRequest request, Model model) {
        Requester requester = Requesters.current(request);
        List<Row> rows = pathways.involving(requester).stream().map(p -> {
            PathwayTemplate t = pathways.template(p);
            return new Row(p, t, p.ownedBy(requester.facilityId()), t.stages().stream()
                    .filter(s -> p.stagesOf(requester.facilityId()).contains(s.code())).toList());
        }).toList();
        model.addAttribute("owned", rows.stream().filter(Row::owner).toList());
        model.addAttribute("taking", rows.stream().filter(r -> !r.owner()).toList());
        model.addAttribute("mayStart", Pathways.STARTERS.stream().anyMatch(requester::has));
        model.addAttribute("names", names());
        return "portal/pathway/list";
    }

    @GetMapping(PATH + "/new")
    String startForm(@RequestParam(defaultValue = "") String template, HttpServletRequest request, Model model) {
        Requester requester = Requesters.current(request);
        if (Pathways.STARTERS.stream().noneMatch(requester::has)) {
            throw new PathwayRefused("not a starter");
        }
        return startPage(requester, template, Map.of(), "", model);
    }

    @PostMapping(PATH)
    String start(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        Requester requester = Requesters.current(request);
        String template = form.getFirst("template");
        Map<String, List<String>> participants = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith(PARTICIPANT)) {
                participants.put(name.substring(PARTICIPANT.length()), values);
            }
        });
        try {
            Pathway pathway = pathways.start(requester, new PathwayStart(template, form.getFirst("eventNumber"),
                    participants));
            return "redirect:" + PATH + "/" + pathway.id();
        } catch (InvalidPathway e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", startErrors(e));
            return startPage(requester, template == null ? "" : template, participants,
                    form.getFirst("eventNumber"), model);
        }
    }

    @GetMapping(PATH + "/{id}")
    String view(@PathVariable String id, HttpServletRequest request, Model model) {
        Requester requester = Requesters.current(request);
        return pathwayPage(requester, pathways.open(requester, uuid(id)), model);
    }

    @GetMapping(PATH + "/{id}/stages/{stage}/sheets/{sheet}")
    String sheetForm(@PathVariable String id, @PathVariable String stage, @PathVariable String sheet,
                     HttpServletRequest request, Model model) {
        Requester requester = Requesters.current(request);
        Pathway pathway = pathways.open(requester, uuid(id));
        return sheetPage(pathway, stage, sheet, Map.of(), Map.of(), model);
    }

    @PostMapping(PATH + "/{id}/stages/{stage}/sheets/{sheet}")
    String record(@PathVariable String id, @PathVariable String stage, @PathVariable String sheet,
                  @RequestParam Map<String, String> form, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        Requester requester = Requesters.current(request);
        Map<String, String> answers = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith(ANSWER)) {
                answers.put(name.substring(ANSWER.length()), value);
            }
        });
        try {
            pathways.record(requester, uuid(id), stage, sheet, answers);
            return "redirect:" + PATH + "/" + id + "#stage-" + stage;
        } catch (InvalidPathway e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            Pathway pathway = pathways.open(requester, uuid(id));
            return sheetPage(pathway, stage, sheet, answers, e.errors(), model);
        }
    }

    @PostMapping(PATH + "/{id}/stages/{stage}/completion")
    String complete(@PathVariable String id, @PathVariable String stage, @RequestParam Map<String, String> form,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        Requester requester = Requesters.current(request);
        Map<String, Boolean> goals = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith(GOAL) && ("true".equals(value) || "false".equals(value))) {
                goals.put(name.substring(GOAL.length()), Boolean.valueOf(value));
            }
        });
        try {
            pathways.complete(requester, uuid(id), stage, goals, form.get("note"));
            return "redirect:" + PATH + "/" + id + "#stage-" + stage;
        } catch (InvalidPathway | PathwayConflict e) {
            response.setStatus(e instanceof PathwayConflict ? HttpServletResponse.SC_CONFLICT
                    : HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("completionError", e instanceof PathwayConflict ? "pathways.error.done"
                    : "pathways.error.goals");
            model.addAttribute("completionStage", stage);
            return pathwayPage(requester, pathways.open(requester, uuid(id)), model);
        }
    }

    @ExceptionHandler(PathwayNotFound.class)
    String absent(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "portal/pathway/absent";
    }

    @ExceptionHandler(PathwayRefused.class)
    String refused(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("reason", "role");
        return "portal/denied";
    }

    @ExceptionHandler(PathwayConflict.class)
    String conflict(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("message", "pathways.error.done");
        return "portal/pathway/refused";
    }

    /** A stage as the pathway page shows it. */
    record StageView(Stage stage, StageStatus status, List<String> facilities, List<RecordView> records,
                     List<Sheet> mySheets, boolean mayComplete) {
    }

    /** A recorded sheet as shown: the record, its sheet's title and each answer as words. */
    record RecordView(StageRecord record, String sheetTitle, List<Value> values) {
    }

    /** One answer: the item's text and the value with its unit, an option's display, はい/いいえ. */
    record Value(String item, String value) {
    }

    static RecordView view(Stage stage, StageRecord record) {
        Sheet sheet = stage.sheet(record.sheetCode()).orElseThrow();
        List<Value> values = new ArrayList<>();
        record.answers().forEach((linkId, answer) -> {
            SheetItem item = sheet.item(linkId).orElseThrow();
            String text = switch (item.kind()) {
                case BOOLEAN -> Boolean.TRUE.equals(answer) ? "はい" : "いいえ";
                case CHOICE -> item.option((String) answer).map(SheetItem.Option::display).orElse((String) answer);
                case INTEGER, DECIMAL -> (answer instanceof java.math.BigDecimal d ? d.toPlainString()
                        : answer.toString()) + (item.unit().isEmpty() ? "" : " " + item.unit());
                default -> answer.toString();
            };
            values.add(new Value(item.text(), text));
        });
        return new RecordView(record, sheet.title(), values);
    }

    /** A trend chart: its item and the SVG. */
    record Trend(SheetItem item, String svg) {
    }

    private String pathwayPage(Requester requester, Pathway pathway, Model model) {
        PathwayTemplate template = pathways.template(pathway);
        List<StageRecord> shown = pathways.shownRecords(requester, pathway);
        List<StageView> stages = new ArrayList<>();
        for (Stage stage : template.stages()) {
            boolean mine = pathway.stagesOf(requester.facilityId()).contains(stage.code());
            boolean open = pathway.status(stage.code()) != StageStatus.DONE;
            stages.add(new StageView(stage, pathway.status(stage.code()),
                    pathway.participants().getOrDefault(stage.code(), List.of()),
                    shown.stream().filter(r -> r.stageCode().equals(stage.code())).map(r -> view(stage, r)).toList(),
                    mine && open ? stage.sheets().stream().filter(s -> requester.has(s.profession())).toList()
                            : List.of(),
                    mine && open && Pathways.COMPLETERS.stream().anyMatch(requester::has)));
        }
        model.addAttribute("pathway", pathway);
        model.addAttribute("template", template);
        model.addAttribute("stages", stages);
        model.addAttribute("owner", pathway.ownedBy(requester.facilityId()));
        model.addAttribute("progress", PathwayCharts.progress(template, pathway, shown, PathwayCharts.Labels.JA));
        model.addAttribute("trends", PathwayCharts.trendItems(template, shown).stream()
                .map(i -> new Trend(i, PathwayCharts.trend(template, shown, i.linkId(), PathwayCharts.Labels.JA)))
                .toList());
        model.addAttribute("eventNumber", new jp.renkei.hub.core.patient.EventNumber(pathway.eventNumber())
                .formatted());
        model.addAttribute("names", names());
        return "portal/pathway/view";
    }

    private String sheetPage(Pathway pathway, String stageCode, String sheetCode, Map<String, String> entered,
                             Map<String, String> errors, Model model) {
        PathwayTemplate template = pathways.template(pathway);
        Stage stage = template.stage(stageCode).orElseThrow(PathwayNotFound::new);
        Sheet sheet = stage.sheet(sheetCode).orElseThrow(PathwayNotFound::new);
        Map<String, String> fieldErrors = new HashMap<>();
        errors.keySet().forEach(field -> {
            String linkId = field.startsWith("answers.") ? field.substring("answers.".length()) : field;
            sheet.item(linkId).ifPresentOrElse(item -> fieldErrors.put(linkId,
                            entered.getOrDefault(linkId, "").isBlank() ? "required" : item.kind().name()),
                    () -> fieldErrors.put("", field.startsWith("answers.") ? "unknownItem" : "other"));
        });
        model.addAttribute("pathway", pathway);
        model.addAttribute("template", template);
        model.addAttribute("stage", stage);
        model.addAttribute("sheet", sheet);
        model.addAttribute("entered", entered);
        model.addAttribute("fieldErrors", fieldErrors);
        return "portal/pathway/sheet";
    }

    private String startPage(Requester requester, String templateCode, Map<String, List<String>> chosen,
                             String eventNumber, Model model) {
        model.addAttribute("templates", pathways.templates());
        PathwayTemplate template = pathways.templates().stream().filter(t -> t.code().equals(templateCode))
                .findFirst().orElse(null);
        model.addAttribute("template", template);
        Map<String, List<Facility>> eligible = new LinkedHashMap<>();
        if (template != null) {
            List<Facility> active = facilities.list(FacilityStatus.ACTIVE, null, null);
            template.stages().forEach(stage -> eligible.put(stage.code(), active.stream()
                    .filter(f -> stage.facilityKinds().contains(f.kind()))
                    .sorted((a, b) -> a.id().equals(requester.facilityId()) ? -1
                            : b.id().equals(requester.facilityId()) ? 1
                            : a.details().name().compareTo(b.details().name())).toList()));
        }
        model.addAttribute("eligible", eligible);
        model.addAttribute("chosen", chosen);
        model.addAttribute("eventNumber", eventNumber == null ? "" : eventNumber);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "portal/pathway/start";
    }

    /** The Japanese sentence key for each refused field of a start. */
    private static Map<String, String> startErrors(InvalidPathway e) {
        Map<String, String> keys = new LinkedHashMap<>();
        e.errors().forEach((field, problem) -> {
            if (field.equals("template") || field.equals("eventNumber")) {
                keys.put(field, "pathways.error." + field);
            } else if (field.startsWith("participants.")) {
                keys.put(field.substring("participants.".length()), problem.contains("consent")
                        ? "pathways.error.consent" : problem.startsWith("name at least")
                        ? "pathways.error.participantsMissing" : "pathways.error.participants");
            }
        });
        return keys;
    }

    private Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        facilities.list(null, null, null).forEach(f -> names.put(f.id(), f.details().name()));
        return names;
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new PathwayNotFound();
        }
    }
}
