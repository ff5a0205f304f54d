package jp.renkei.hub.app.portal.operator;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditFilter;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditQuery;
import jp.renkei.hub.core.audit.AuditRecord;
import jp.renkei.hub.core.audit.AuditVerification;
import jp.renkei.hub.core.audit.AuditVerifier;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit trail for the hub operator: search (days in Japan time, facility, person, action, outcome, patient's
 * event number) page by page, one entry in full, and the verification of the whole hash chain, through
 * {@link AuditQuery} and {@link AuditVerifier} as {@code AuditController} uses them.
 */
@Controller
@RequestMapping("/portal/operator/audit")
class OperatorAuditController {

    static final int PAGE_SIZE = 50;

    /** One row of the results. */
    record Row(long seq, String when, String actor, String facility, AuditAction action, AuditOutcome outcome,
               String patientRef, String resource) {
    }

    /** The search as typed, for the form and the paging links. */
    record Search(String from, String to, String facility, String actor, String action, String outcome,
                  String patient) {
    }

    private final AuditQuery query;
    private final AuditVerifier verifier;
    private final OperatorViews views;

    OperatorAuditController(AuditQuery query, AuditVerifier verifier, OperatorViews views) {
        this.query = query;
        this.verifier = verifier;
        this.views = views;
    }

    @GetMapping
    String search(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) String facility, @RequestParam(required = false) String actor,
                  @RequestParam(required = false) String action, @RequestParam(required = false) String outcome,
                  @RequestParam(required = false) String patient, @RequestParam(defaultValue = "1") String page,
                  HttpServletResponse response, Model model) {
        Search search = new Search(blank(from), blank(to), blank(facility), blank(actor), blank(action),
                blank(outcome), blank(patient));
        model.addAttribute("search", search);
        model.addAttribute("facilities", views.allFacilities());
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("outcomes", AuditOutcome.values());
        Map<String, String> errors = new LinkedHashMap<>();
        AuditFilter filter = AuditFilter.any();
        Optional<LocalDate> fromDay = day(search.from(), "from", errors);
        Optional<LocalDate> toDay = day(search.to(), "to", errors);
        if (fromDay.isPresent() && toDay.isPresent() && toDay.get().isBefore(fromDay.get())) {
            errors.put("to", "operator.audit.error.toBeforeFrom");
        }
        filter = filter.withFrom(fromDay.map(d -> d.atStartOfDay(OperatorViews.JAPAN).toInstant()).orElse(null))
                .withTo(toDay.map(d -> d.plusDays(1).atStartOfDay(OperatorViews.JAPAN).toInstant()).orElse(null))
                .withFacilityId(search.facility().isEmpty() ? null : search.facility())
                .withActorId(search.actor().isEmpty() ? null : search.actor());
        if (!search.action().isEmpty()) {
            try {
                filter = filter.withAction(AuditAction.valueOf(search.action()));
            } catch (IllegalArgumentException e) {
                errors.put("action", "operator.audit.error.action");
            }
        }
        if (!search.outcome().isEmpty()) {
            try {
                filter = filter.withOutcomes(Set.of(AuditOutcome.valueOf(search.outcome())));
            } catch (IllegalArgumentException e) {
                errors.put("outcome", "operator.audit.error.outcome");
            }
        }
        if (!search.patient().isEmpty()) {
            String digits = search.patient().replaceAll("[-\\s\u3000\u2010]", "");
            try {
                EventNumber number = EventNumber.parse(digits);
                // stored as the formatted number by the portal and the consent gate, as digits by some API paths
                filter = filter.withPatientRefs(Set.of(number.formatted(), number.digits()));
            } catch (ApiException | IllegalArgumentException e) {
                errors.put("patient", "operator.audit.error.patient");
            }
        }
        int pageNumber;
        try {
            pageNumber = Math.max(1, Math.min(Integer.parseInt(page), AuditQuery.MAX_LIMIT));
        } catch (NumberFormatException e) {
            pageNumber = 1;
        }
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("rows", List.of());
            return "portal/operator/audit";
        }
        List<AuditRecord> found = query.search(filter, PAGE_SIZE + 1, (pageNumber - 1) * PAGE_SIZE);
        model.addAttribute("rows", found.stream().limit(PAGE_SIZE).map(this::row).toList());
        model.addAttribute("page", pageNumber);
        model.addAttribute("previous", pageNumber > 1 ? link(search, pageNumber - 1) : null);
        model.addAttribute("next", found.size() > PAGE_SIZE ? link(search, pageNumber + 1) : null);
        return "portal/operator/audit";
    }

    @GetMapping("/{seq}")
    String entry(@PathVariable String seq, HttpServletResponse response, Model model) {
        Optional<AuditRecord> record;
        try {
            record = query.find(Long.parseLong(seq));
        } catch (NumberFormatException e) {
            record = Optional.empty();
        }
        if (record.isEmpty()) {
            return OperatorFacilityController.notFound(response, model);
        }
        AuditRecord r = record.get();
        model.addAttribute("entry", r);
        model.addAttribute("when", OperatorViews.time(r.recordedAt()));
        model.addAttribute("actor", views.actorName(r.actorId()));
        model.addAttribute("facility", views.facilityName(r.facilityId()));
        return "portal/operator/audit-entry";
    }

    /** Re-hashes the whole trail; the page says how many entries were checked, how long it took, what broke. */
    @PostMapping("/verify")
    String verify(Model model) {
        long started = System.nanoTime();
        AuditVerification result = verifier.verify();
        long millis = (System.nanoTime() - started) / 1_000_000;
        model.addAttribute("result", result);
        model.addAttribute("seconds", String.format("%.1f", millis / 1000.0));
        return "portal/operator/audit-verify";
    }

    private Row row(AuditRecord r) {
        return new Row(r.seq(), OperatorViews.time(r.recordedAt()), r.actorId() == null ? "" : r.actorId(),
                views.facilityName(r.facilityId()), r.action(), r.outcome(),
                r.patientRef() == null ? "" : r.patientRef(), r.resource() == null ? "" : r.resource());
    }

    private static Optional<LocalDate> day(String text, String field, Map<String, String> errors) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.replace('/', '-')));
        } catch (DateTimeParseException e) {
            errors.put(field, "operator.audit.error.date");
            return Optional.empty();
        }
    }

    private static String link(Search search, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/portal/operator/audit");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", search.from());
        params.put("to", search.to());
        params.put("facility", search.facility());
        params.put("actor", search.actor());
        params.put("action", search.action());
        params.put("outcome", search.outcome());
        params.put("patient", search.patient());
        params.forEach((k, v) -> {
            if (!v.isEmpty()) {
                uri.queryParam(k, v);
            }
        });
        return uri.queryParam("page", page).encode().build().toUriString();
    }

    private static String blank(String value) {
        return value == null ? "" : value.strip();
    }

}
