package jp.renkei.hub.app.portal.patient;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.app.portal.carenet.VitalCharts;
import jp.renkei.hub.app.portal.questionnaire.PatientQuestionnaires;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.fhir.dispensing.MedicationCheck;
import jp.renkei.hub.fhir.dispensing.MedicationCourse;
import jp.renkei.hub.fhir.dispensing.MedicationCourses;
import jp.renkei.hub.fhir.dispensing.MedicationFinding;
import jp.renkei.hub.fhir.labtrend.LabPoint;
import jp.renkei.hub.fhir.labtrend.LabSeries;
import jp.renkei.hub.fhir.labtrend.LabTrends;
import jp.renkei.hub.fhir.summary.RequesterSummaries;
import jp.renkei.hub.fhir.summary.SummaryRow;
import jp.renkei.hub.fhir.views.PatientData;
import jp.renkei.hub.fhir.views.SourceFacilities;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient page: the consent-gated summary of {@code Patient/$summary} with each entry's source and the
 * facilities whose data was withheld, the lab trends (one server-drawn SVG chart per chosen test, with the
 * numbers as a table), the dispensing history across pharmacies with the duplicate-medication findings
 * ({@link MedicationCheck}), the documents, and the imaging studies (linking to the image viewer). Everything
 * comes from one load through the consent gate as the logged-in person's {@link Requester}
 * ({@link RequesterSummaries#page}), audited once. A person whose facility may not open the patient, and a
 * number nobody has, get the same refusal (403).
 */
@Controller
class PatientPageController {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** Tests charted when none are chosen. */
    static final int DEFAULT_TESTS = 3;

    /** One row of a section: when, what, details, and the facility it came from. */
    record Row(LocalDate date, String what, String detail, String source, boolean own) {
    }

    record Section(String title, List<Row> rows) {
    }

    /** A test in the chooser, checked when charted. */
    record TestChoice(String key, String name, int count, boolean chosen) {
    }

    /** One chart: a unit series of a chosen test within the date range. */
    record Chart(String id, String name, String unit, String svg, List<PointRow> points, boolean mixedUnits) {
    }

    record PointRow(LocalDate date, String value, String range, boolean out, String source) {
    }

    /** One course of the dispensing history. */
    record CourseRow(LocalDate start, LocalDate last, String drug, String kind, String prescriber, String pharmacy,
                     boolean duplicate) {
    }

    /**
     * A duplicate-medication finding: the rule's message key, the sentence's message key and its arguments
     * (what they share, then each record with the pharmacy and prescriber it names).
     */
    record Warning(String rule, String sentence, List<String> arguments) {
    }

    record DocumentRow(LocalDate date, String type, String title, String source, String href) {
    }

    record StudyRow(LocalDate date, String modality, String description, String source) {
    }

    private final RequesterSummaries summaries;
    private final SourceFacilities facilities;
    private final RecentPatients recent;
    private final VitalCharts careNetVitals;
    private final MedicationCourses medicationCourses;
    private final PatientQuestionnaires questionnaires;
    private final java.util.concurrent.ConcurrentHashMap<String, CachedName> names =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record CachedName(String name, long at) {
    }

    private static final long NAME_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);

    PatientPageController(RequesterSummaries summaries, SourceFacilities facilities, RecentPatients recent,
                          VitalCharts careNetVitals, MedicationCourses medicationCourses,
                          PatientQuestionnaires questionnaires) {
        this.summaries = summaries;
        this.questionnaires = questionnaires;
        this.medicationCourses = medicationCourses;
        this.facilities = facilities;
        this.recent = recent;
        this.careNetVitals = careNetVitals;
    }

    @GetMapping("/portal/patients/{number}")
    String patient(@PathVariable String number,
                   @RequestParam(name = "test", required = false) List<String> tests,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                   @RequestParam(required = false) String print,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        EventNumbers.Check check = EventNumbers.check(number);
        if (!check.valid()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("typed", number);
            model.addAttribute("error", check.message().equals(EventNumbers.INCOMPLETE) ? EventNumbers.FORMAT
                    : check.message());
            model.addAttribute("recent", List.of());
            return PatientLookupController.LOOKUP;
        }
        EventNumber eventNumber = check.number().get();
        Requester requester = Requesters.current(request);
        String person = requester.principal().id();
        RequesterSummaries.Page page;
        try {
            page = summaries.page(requester, eventNumber);
        } catch (ForbiddenOperationException e) {
            recent.forget(person, requester.facilityId(), eventNumber);
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("number", eventNumber.formatted());
            return "portal/patient/refused";
        }
        RequesterSummaries.Summary summary = page.summary();
        recent.opened(person, requester.facilityId(), eventNumber, summary.subjectLine());
        String own = requester.facilityId();
        model.addAttribute("number", eventNumber.formatted());
        model.addAttribute("subjectLine", summary.subjectLine());
        model.addAttribute("print", print != null);
        model.addAttribute("sections", summary.sections().stream()
                .map(s -> new Section(s.title(), s.entries().stream().map(r -> row(r, own)).toList())).toList());
        model.addAttribute("withheld", summary.withheldSources().stream().map(this::facilityName).toList());
        // only after the consent gate let the person open the patient: care-net rooms they are a member of
        model.addAttribute("careNetVitals", careNetVitals.patient(eventNumber, requester));
        // the person's own facility's web questionnaires answered by the patient (問診)
        model.addAttribute("questionnaires", questionnaires.patient(eventNumber, requester));
        labs(page.data(), tests, from, to, model);
        dispensing(page.data(), model);
        model.addAttribute("documents", documents(page.data(), eventNumber));
        model.addAttribute("studies", page.data().all(ImagingStudy.class).stream()
                .sorted(Comparator.comparing((ImagingStudy s) -> s.hasStarted() ? s.getStarted() : new Date(0)).reversed())
                .map(s -> new StudyRow(day(s.hasStarted() ? s.getStarted() : null),
                        s.getModality().stream().map(Coding::getCode).distinct().reduce((a, b) -> a + ", " + b).orElse(""),
                        s.hasDescription() ? s.getDescription() : "", name(s))).toList());
        return "portal/patient/patient";
    }

    /**
     * One of the patient's documents, if the gate shows it to the person: a DocumentReference's attached file
     * as a download, a Composition as a page. Anything else (not the patient's, hidden, absent) is the same 404.
     */
    @GetMapping("/portal/patients/{number}/documents/{type}/{id}")
    Object document(@PathVariable String number, @PathVariable String type, @PathVariable String id,
                    HttpServletRequest request, HttpServletResponse response, Model model) {
        EventNumbers.Check check = EventNumbers.check(number);
        Optional<Resource> found = check.valid() && id.matches("[A-Za-z0-9\\-.]{1,64}")
                ? summaries.document(Requesters.current(request), check.number().get(), type, id) : Optional.empty();
        if (found.isPresent() && found.get() instanceof DocumentReference reference) {
            Optional<Attachment> file = reference.getContent().stream().map(DocumentReference
                    .DocumentReferenceContentComponent::getAttachment).filter(Attachment::hasData).findFirst();
            if (file.isPresent()) {
                MediaType type1 = file.get().hasContentType() ? MediaType.parseMediaType(file.get().getContentType())
                        : MediaType.APPLICATION_OCTET_STREAM;
                return ResponseEntity.ok().contentType(type1)
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename(file.get().hasTitle() ? file.get().getTitle() : "document-" + id,
                                        StandardCharsets.UTF_8).build().toString())
                        .body(file.get().getData());
            }
        }
        if (found.isPresent() && found.get() instanceof Composition composition) {
            model.addAttribute("number", check.number().get().formatted());
            model.addAttribute("composition", composition);
            model.addAttribute("compositionTitle", composition.hasTitle() ? composition.getTitle() : text(composition.getType()));
            model.addAttribute("compositionDate", day(composition.getDate()));
            model.addAttribute("compositionSource", name(composition));
            model.addAttribute("compositionSections", composition.getSection().stream()
                    .map(s -> new String[] {s.hasTitle() ? s.getTitle() : "",
                        s.hasText() ? s.getText().getDivAsString().replaceAll("<[^>]*>", " ")
                                .replaceAll("\\s+", " ").strip() : ""}).toList());
            return "portal/patient/composition";
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("number", check.valid() ? check.number().get().formatted() : "");
        return "portal/patient/no-document";
    }

    private void labs(PatientData data, List<String> chosen, LocalDate from, LocalDate to, Model model) {
        List<LabTrends.LabTest> tests = LabTrends.byTest(data.all(Observation.class));
        Set<String> keys = new LinkedHashSet<>();
        if (chosen != null) {
            chosen.stream().filter(k -> tests.stream().anyMatch(t -> t.key().equals(k))).forEach(keys::add);
        }
        if (chosen == null || keys.isEmpty() && chosen.isEmpty()) {
            tests.stream().limit(DEFAULT_TESTS).map(LabTrends.LabTest::key).forEach(keys::add);
        }
        model.addAttribute("labTests", tests.stream()
                .map(t -> new TestChoice(t.key(), t.name(), t.count(), keys.contains(t.key()))).toList());
        model.addAttribute("labFrom", from);
        model.addAttribute("labTo", to);
        List<Chart> charts = new ArrayList<>();
        int index = 0;
        for (LabTrends.LabTest test : tests) {
            if (!keys.contains(test.key())) {
                continue;
            }
            for (LabSeries series : test.series()) {
                List<LabPoint> within = series.points().stream().filter(p -> within(p, from, to)).toList();
                if (within.isEmpty()) {
                    continue;
                }
                String id = "lab-chart-" + index++;
                LabSeries shown = new LabSeries(series.unit(), within);
                charts.add(new Chart(id, test.name(), series.unit(), LabTrendSvg.svg(id, test.name(), shown),
                        newestFirst(within.stream().map(this::pointRow).toList()), test.mixedUnits()));
            }
        }
        model.addAttribute("charts", charts);
    }

    private static <T> List<T> newestFirst(List<T> oldestFirst) {
        List<T> copy = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private PointRow pointRow(LabPoint p) {
        String range = p.low() != null || p.high() != null
                ? (p.low() == null ? "" : p.low().stripTrailingZeros().toPlainString()) + "–"
                + (p.high() == null ? "" : p.high().stripTrailingZeros().toPlainString()) : p.rangeText();
        return new PointRow(p.when().toLocalDate(), p.value().stripTrailingZeros().toPlainString()
                + (p.unit().isEmpty() ? "" : " " + p.unit()), range, LabTrendSvg.outOfRange(p),
                p.sourceFacility().isEmpty() ? "" : facilityName(p.sourceFacility()));
    }

    private static boolean within(LabPoint point, LocalDate from, LocalDate to) {
        LocalDate day = point.when().toLocalDate();
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    private void dispensing(PatientData data, Model model) {
        List<MedicationCourse> courses = medicationCourses.of(data.all(MedicationDispense.class),
                data.all(MedicationRequest.class), data.all(MedicationStatement.class));
        List<MedicationFinding> findings = MedicationCheck.findings(courses);
        Set<MedicationCourse> flagged = new java.util.HashSet<>();
        findings.forEach(f -> {
            flagged.add(f.first());
            flagged.add(f.second());
        });
        model.addAttribute("courses", courses.stream()
                .sorted(Comparator.comparing(MedicationCourse::start).reversed())
                .map(c -> new CourseRow(c.start(), c.lastDay(), c.drug().text(),
                        c.record() instanceof MedicationDispense ? "patient.dispensing.kind.dispense"
                                : c.otc() ? "patient.dispensing.kind.otc" : "patient.dispensing.kind.prescription",
                        c.prescriber().name(), c.pharmacy().name(), flagged.contains(c))).toList());
        model.addAttribute("warnings", findings.stream().map(this::warning).toList());
    }

    /** The rule and both records with what they name, as message arguments: the sentence is in the bundle. */
    private Warning warning(MedicationFinding f) {
        List<String> arguments = new ArrayList<>(List.of(f.key()));
        for (MedicationCourse c : List.of(f.first(), f.second())) {
            arguments.add(c.drug().text());
            arguments.add(c.start() + "〜" + c.lastDay());
            arguments.add(c.pharmacy().isEmpty() ? "—" : c.pharmacy().name());
            arguments.add(c.prescriber().isEmpty() ? "—" : c.prescriber().name());
        }
        return new Warning("patient.dispensing.rule." + f.rule().code(), "patient.dispensing.warning", arguments);
    }

    private List<DocumentRow> documents(PatientData data, EventNumber number) {
        List<DocumentRow> rows = new ArrayList<>();
        String base = "/portal/patients/" + number.formatted() + "/documents/";
        for (DocumentReference d : data.all(DocumentReference.class)) {
            boolean file = d.getContent().stream().anyMatch(c -> c.getAttachment().hasData());
            String title = d.hasDescription() ? d.getDescription() : d.getContent().stream()
                    .map(c -> c.getAttachment().getTitle()).filter(t -> t != null).findFirst().orElse("");
            rows.add(new DocumentRow(day(d.hasDate() ? d.getDate() : null), text(d.getType()), title, name(d),
                    file ? base + "DocumentReference/" + d.getIdElement().getIdPart() : null));
        }
        for (Composition c : data.all(Composition.class)) {
            rows.add(new DocumentRow(day(c.getDate()), text(c.getType()), c.hasTitle() ? c.getTitle() : "", name(c),
                    base + "Composition/" + c.getIdElement().getIdPart()));
        }
        rows.sort(Comparator.comparing(DocumentRow::date, Comparator.nullsLast(Comparator.reverseOrder())));
        return rows;
    }

    private static String text(CodeableConcept concept) {
        if (concept == null) {
            return "";
        }
        return concept.hasText() ? concept.getText() : concept.getCoding().stream().filter(Coding::hasDisplay)
                .map(Coding::getDisplay).findFirst().orElse(concept.getCoding().stream().map(Coding::getCode)
                        .filter(c -> c != null).findFirst().orElse(""));
    }

    /**
     * A facility's registered name, kept for a minute: a page names the source of every row (hundreds for a
     * patient of 1,000 resources), and each look-up in the registry is a database query.
     */
    String facilityName(String facilityId) {
        long now = System.nanoTime();
        CachedName cached = names.get(facilityId);
        if (cached == null || now - cached.at() > NAME_TTL_NANOS) {
            cached = new CachedName(facilities.name(facilityId), now);
            if (names.size() > 10_000) {
                names.clear();
            }
            names.put(facilityId, cached);
        }
        return cached.name();
    }

    private String name(Resource resource) {
        String source = SourceFacilities.sourceOf(resource);
        return source.isEmpty() ? "" : facilityName(source);
    }

    private static LocalDate day(Date date) {
        return date == null ? null : date.toInstant().atZone(JAPAN).toLocalDate();
    }

    private Row row(Resource resource, String ownFacility) {
        SummaryRow row = SummaryRow.of(resource);
        String source = SourceFacilities.sourceOf(resource);
        return new Row(row.date(), row.what(), row.detail(), source.isEmpty() ? "" : facilityName(source),
                source.equals(ownFacility));
    }
}
