package jp.renkei.hub.app.portal.operator;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityKind;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.facility.FacilityStatusChange;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Facility applications and their lifecycle for the hub operator: the list by status, the application form
 * (checked as the API checks it, each wrong field named in Japanese), the facility page with its whole status
 * history, and the status changes its lifecycle ({@link FacilityStatus#allowedTargets()}) allows, through
 * {@link FacilityRegistry} as {@code FacilityAdminController} does.
 */
@Controller
@RequestMapping("/portal/operator")
class OperatorFacilityController {

    /** One row of the list. */
    record Row(String id, String name, String kind, String code, String region, FacilityStatus status, String updated) {
    }

    /** One entry of the status history, for people. */
    record HistoryRow(FacilityStatus from, FacilityStatus to, String when, String who, String reason) {
    }

    /** A change the facility's status allows now. */
    record Transition(FacilityStatus target, boolean reasonRequired, boolean resumes) {
    }

    private final FacilityRegistry registry;
    private final OperatorViews views;
    private final OperatorMessages messages;

    OperatorFacilityController(FacilityRegistry registry, OperatorViews views, OperatorMessages messages) {
        this.registry = registry;
        this.views = views;
        this.messages = messages;
    }

    @GetMapping({"", "/"})
    String start() {
        return "redirect:/portal/operator/facilities";
    }

    @GetMapping("/facilities")
    String list(@RequestParam(required = false) String status, Model model) {
        FacilityStatus selected = Arrays.stream(FacilityStatus.values()).filter(s -> s.name().equals(status))
                .findFirst().orElse(null);
        List<Facility> all = registry.list(null, null, null);
        Map<FacilityStatus, Long> counts = new EnumMap<>(FacilityStatus.class);
        for (FacilityStatus s : FacilityStatus.values()) {
            counts.put(s, all.stream().filter(f -> f.status() == s).count());
        }
        model.addAttribute("statuses", FacilityStatus.values());
        model.addAttribute("counts", counts);
        model.addAttribute("total", all.size());
        model.addAttribute("selected", selected);
        model.addAttribute("rows", all.stream().filter(f -> selected == null || f.status() == selected)
                .map(f -> new Row(f.id(), f.details().name(), f.kind().name(),
                        f.medicalInstitutionCode() == null ? "" : f.medicalInstitutionCode().value(),
                        f.details().region(), f.status(), OperatorViews.time(f.updatedAt())))
                .toList());
        return "portal/operator/facilities";
    }

    @GetMapping("/facilities/new")
    String applicationForm(Model model) {
        return form(model, FacilityForm.empty(), Map.of(), null);
    }

    @PostMapping("/facilities")
    String apply(@ModelAttribute FacilityForm form, HttpServletRequest request, HttpServletResponse response,
                 Model model) {
        FacilityFormCheck.Result checked = FacilityFormCheck.check(form);
        if (!checked.ok()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, form, messages.texts(checked.problems()), null);
        }
        Facility facility;
        try {
            facility = registry.apply(checked.application(), OperatorViews.principal(request).id());
        } catch (ApiException e) {
            if (e.status() != HttpStatus.CONFLICT) {
                throw e;
            }
            // the code or an AE title belongs to another facility (or was taken meanwhile)
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            String key = e.getMessage().startsWith("medical-institution code") ? "operator.error.codeTaken"
                    : e.getMessage().startsWith("AE title") ? "operator.error.aeTitleTaken" : "operator.error.taken";
            return form(model, form, Map.of(), key);
        }
        return "redirect:/portal/operator/facilities/" + facility.id() + "?done=APPLIED";
    }

    @GetMapping("/facilities/{id}")
    String facility(@PathVariable String id, @RequestParam(required = false) String done,
                    HttpServletResponse response, Model model) {
        Optional<Facility> facility = registry.find(id);
        if (facility.isEmpty()) {
            return notFound(response, model);
        }
        if (done != null && Arrays.stream(FacilityStatus.values()).anyMatch(s -> s.name().equals(done))) {
            model.addAttribute("done", FacilityStatus.valueOf(done));
        }
        return page(facility.get(), model);
    }

    @PostMapping("/facilities/{id}/status")
    String changeStatus(@PathVariable String id, @RequestParam(required = false) String target,
                        @RequestParam(required = false) String reason, HttpServletRequest request,
                        HttpServletResponse response, Model model) {
        Optional<Facility> facility = registry.find(id);
        if (facility.isEmpty()) {
            return notFound(response, model);
        }
        FacilityStatus to = Arrays.stream(FacilityStatus.values()).filter(s -> s.name().equals(target)).findFirst()
                .orElse(null);
        if (to == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", "operator.status.error.target");
            return page(facility.get(), model);
        }
        try {
            registry.changeStatus(id, to, reason, OperatorViews.principal(request).id());
        } catch (ApiException e) {
            Facility now = registry.find(id).orElseThrow();
            if (e.status() == HttpStatus.CONFLICT) {
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                model.addAttribute("error", "operator.status.error.notAllowed");
                model.addAttribute("errorFrom", now.status());
                model.addAttribute("errorTo", to);
            } else if (e.status() == HttpStatus.BAD_REQUEST && e.fieldErrors().containsKey("reason")) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                model.addAttribute("error", e.fieldErrors().get("reason").startsWith("must be at most")
                        ? "operator.status.error.reasonTooLong" : "operator.status.error.reasonRequired");
                model.addAttribute("errorTo", to);
                model.addAttribute("reasonFor", to);
                model.addAttribute("reason", reason);
            } else {
                throw e;
            }
            return page(now, model);
        }
        return "redirect:/portal/operator/facilities/" + id + "?done=" + to.name();
    }

    private String page(Facility facility, Model model) {
        model.addAttribute("facility", facility);
        model.addAttribute("updated", OperatorViews.time(facility.updatedAt()));
        model.addAttribute("created", OperatorViews.time(facility.createdAt()));
        List<FacilityStatusChange> history = registry.history(facility.id());
        model.addAttribute("history", history.stream().map(h -> new HistoryRow(h.from(), h.to(),
                OperatorViews.time(h.changedAt()), views.actorName(h.actorId()), h.reason() == null ? "" : h.reason()))
                .toList());
        model.addAttribute("transitions", Arrays.stream(FacilityStatus.values())
                .filter(facility.status()::canChangeTo)
                .map(t -> new Transition(t, t.requiresReason(), facility.status() == FacilityStatus.SUSPENDED
                        && t == FacilityStatus.ACTIVE))
                .toList());
        return "portal/operator/facility";
    }

    private String form(Model model, FacilityForm form, Map<String, String> errors, String error) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("error", error);
        model.addAttribute("kinds", FacilityKind.values());
        return "portal/operator/apply";
    }

    static String notFound(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "portal/operator/not-found";
    }
}
