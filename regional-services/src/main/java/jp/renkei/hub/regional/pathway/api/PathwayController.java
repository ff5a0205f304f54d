package jp.renkei.hub.regional.pathway.api;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ProblemResponse;
import jp.renkei.hub.regional.pathway.FhirPathways;
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
import jp.renkei.hub.regional.pathway.Stage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Liaison pathways (地域連携パス): the templates and their sheets, start a pathway, the facility's pathways, open
 * one, record a stage's sheet, mark a stage done, and the progress and trend pictures. A pathway of other
 * facilities answers 404 exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/pathways")
@Tag(name = "Liaison pathways", description = "地域連携パス: stages, goals and per-profession assessment sheets shared"
        + " between the owner hospital and the facilities that take over")
public class PathwayController {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

    private final Pathways pathways;

    public PathwayController(Pathways pathways) {
        this.pathways = pathways;
    }

    /** To start a pathway: the template code, the patient's event number, stage code → facility IDs. */
    public record StartRequest(String template, String eventNumber, Map<String, List<String>> participants) {
    }

    /** One filled-in sheet: its code and linkId → a single JSON value (number, string, true/false, "YYYY-MM-DD"). */
    public record RecordRequest(String sheet, Map<String, JsonNode> answers) {
    }

    /** A stage done: goal code → achieved, for every goal of the stage; an optional note. */
    public record CompletionRequest(Map<String, Boolean> goals, String note) {
    }

    @GetMapping("/templates")
    public List<PathwayViews.Template> templates(HttpServletRequest http) {
        requester(http);
        return pathways.templates().stream().map(PathwayViews::template).toList();
    }

    /** A sheet as a FHIR Questionnaire (the canonical URL its QuestionnaireResponses name). */
    @GetMapping(path = "/templates/{code}/sheets/{sheet}", produces = "application/fhir+json")
    public ResponseEntity<String> sheet(@PathVariable String code, @PathVariable String sheet) {
        PathwayTemplate template = pathways.templates().stream().filter(t -> t.code().equals(code)).findFirst()
                .orElseThrow(PathwayNotFound::new);
        for (Stage stage : template.stages()) {
            for (Sheet s : stage.sheets()) {
                if (s.code().equals(sheet)) {
                    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/fhir+json"))
                            .body(FHIR.newJsonParser().encodeResourceToString(
                                    FhirPathways.questionnaire(template, stage, s)));
                }
            }
        }
        throw new PathwayNotFound();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PathwayViews.Detail> start(@RequestBody StartRequest request, HttpServletRequest http) {
        Requester requester = requester(http);
        Pathway pathway = pathways.start(requester, new PathwayStart(request.template(), request.eventNumber(),
                request.participants()));
        return ResponseEntity.status(HttpStatus.CREATED).body(detail(requester, pathway));
    }

    @GetMapping
    public List<PathwayViews.Summary> list(HttpServletRequest http) {
        Requester requester = requester(http);
        return pathways.involving(requester).stream()
                .map(p -> PathwayViews.summary(requester, pathways.template(p), p)).toList();
    }

    @GetMapping("/{id}")
    public PathwayViews.Detail open(@PathVariable String id, HttpServletRequest http) {
        Requester requester = requester(http);
        return detail(requester, pathways.open(requester, uuid(id)));
    }

    @PostMapping(path = "/{id}/stages/{stage}/records", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PathwayViews.Record> record(@PathVariable String id, @PathVariable String stage,
                                                      @RequestBody RecordRequest request, HttpServletRequest http) {
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        if (request.answers() != null) {
            request.answers().forEach((linkId, value) -> {
                if (value == null || value.isNull()) {
                    return;
                }
                if (value.isContainerNode()) {
                    errors.put("answers." + linkId, "must be a single value, not a list or an object");
                } else {
                    answers.put(linkId, value.asText());
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new InvalidPathway(errors);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(PathwayViews.record(
                pathways.record(requester(http), uuid(id), stage, request.sheet(), answers)));
    }

    @PostMapping(path = "/{id}/stages/{stage}/completion", consumes = MediaType.APPLICATION_JSON_VALUE)
    public PathwayViews.Detail complete(@PathVariable String id, @PathVariable String stage,
                                        @RequestBody CompletionRequest request, HttpServletRequest http) {
        Requester requester = requester(http);
        return detail(requester, pathways.complete(requester, uuid(id), stage, request.goals(), request.note()));
    }

    /** The pathway as FHIR R4: a collection Bundle of its CarePlan and the records shown as QuestionnaireResponses. */
    @GetMapping(path = "/{id}/fhir", produces = "application/fhir+json")
    public ResponseEntity<String> fhir(@PathVariable String id, HttpServletRequest http) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/fhir+json"))
                .body(FHIR.newJsonParser().encodeResourceToString(pathways.fhir(requester(http), uuid(id))));
    }

    /** The stages as a row of boxes by status (SVG). */
    @GetMapping(path = "/{id}/progress", produces = "image/svg+xml")
    public ResponseEntity<String> progress(@PathVariable String id, HttpServletRequest http) {
        Requester requester = requester(http);
        Pathway pathway = pathways.open(requester, uuid(id));
        return ResponseEntity.ok().contentType(SVG).body(PathwayCharts.progress(pathways.template(pathway), pathway,
                pathways.shownRecords(requester, pathway), PathwayCharts.Labels.JA));
    }

    /** One number item's values over the stages (SVG), e.g. {@code barthel}. */
    @GetMapping(path = "/{id}/trend/{linkId}", produces = "image/svg+xml")
    public ResponseEntity<String> trend(@PathVariable String id, @PathVariable String linkId,
                                        HttpServletRequest http) {
        Requester requester = requester(http);
        Pathway pathway = pathways.open(requester, uuid(id));
        return ResponseEntity.ok().contentType(SVG).body(PathwayCharts.trend(pathways.template(pathway),
                pathways.shownRecords(requester, pathway), linkId, PathwayCharts.Labels.JA));
    }

    private PathwayViews.Detail detail(Requester requester, Pathway pathway) {
        return PathwayViews.detail(requester, pathways.template(pathway), pathway,
                pathways.shownRecords(requester, pathway));
    }

    private static Requester requester(HttpServletRequest http) {
        return Requesters.current(http);
    }

    /** A malformed ID names no pathway: the same 404 as an absent one. */
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new PathwayNotFound();
        }
    }

    @ExceptionHandler(PathwayNotFound.class)
    ResponseEntity<ProblemDetail> notFound(PathwayNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "pathway not found", null);
    }

    @ExceptionHandler(InvalidPathway.class)
    ResponseEntity<ProblemDetail> invalid(InvalidPathway e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.errors());
    }

    @ExceptionHandler(PathwayRefused.class)
    ResponseEntity<ProblemDetail> refused(PathwayRefused e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage(), null);
    }

    @ExceptionHandler(PathwayConflict.class)
    ResponseEntity<ProblemDetail> conflict(PathwayConflict e) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), null);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, Map<String, String> errors) {
        return ProblemResponse.of(status, detail, errors);
    }
}
