package jp.renkei.hub.app.portal.operator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.gateway.ingest.Quarantine;
import jp.renkei.hub.gateway.ingest.QuarantineReprocessing;
import jp.renkei.hub.gateway.ingest.QuarantinedItem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The gateway ingest quarantine for the hub operator: every facility's items (a hub administrator sees all, as
 * {@code QuarantineController} allows), one item with its raw input as text, and re-processing after a
 * confirmation, through {@link Quarantine} and {@link QuarantineReprocessing} (which audits it).
 */
@Controller
@RequestMapping("/portal/operator/quarantine")
class OperatorQuarantineController {

    static final int LIMIT = 200;

    /** One item for people: its facility's name, times in Japan time, the reason in Japanese where known. */
    record Item(QuarantinedItem item, String facility, String quarantined, String lastTried, String resolved,
                String reasonText) {
    }

    private final Quarantine quarantine;
    private final QuarantineReprocessing reprocessing;
    private final OperatorViews views;
    private final OperatorMessages messages;

    OperatorQuarantineController(Quarantine quarantine, QuarantineReprocessing reprocessing, OperatorViews views,
                                 OperatorMessages messages) {
        this.quarantine = quarantine;
        this.reprocessing = reprocessing;
        this.views = views;
        this.messages = messages;
    }

    @GetMapping
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String facility,
                Model model) {
        String shown = status != null && List.of(Quarantine.HELD, Quarantine.RESOLVED, "ALL").contains(status) ? status
                : Quarantine.HELD;
        Map<String, Facility> facilities = views.facilitiesById();
        String scope = facility != null && facilities.containsKey(facility) ? facility : null;
        model.addAttribute("status", shown);
        model.addAttribute("facility", scope == null ? "" : scope);
        model.addAttribute("facilities", facilities.values().stream()
                .sorted(java.util.Comparator.comparing(f -> f.details().nameKana())).toList());
        model.addAttribute("items", quarantine.list(scope, "ALL".equals(shown) ? null : shown, LIMIT).stream()
                .map(i -> item(i, facilities)).toList());
        model.addAttribute("limit", LIMIT);
        return "portal/operator/quarantine";
    }

    @GetMapping("/{id}")
    String item(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<QuarantinedItem> item = visible(id, request);
        if (item.isEmpty()) {
            return OperatorFacilityController.notFound(response, model);
        }
        model.addAttribute("entry", item(item.get(), views.facilitiesById()));
        model.addAttribute("raw", QuarantineText.raw(item.get().sourceKind(), quarantine.raw(item.get().id())));
        return "portal/operator/quarantine-item";
    }

    /** The confirmation step before re-processing. */
    @GetMapping("/{id}/reprocess")
    String confirm(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<QuarantinedItem> item = visible(id, request);
        if (item.isEmpty()) {
            return OperatorFacilityController.notFound(response, model);
        }
        if (!item.get().held()) {
            return "redirect:/portal/operator/quarantine/" + item.get().id();
        }
        model.addAttribute("entry", item(item.get(), views.facilitiesById()));
        return "portal/operator/quarantine-confirm";
    }

    @PostMapping("/{id}/reprocess")
    String reprocess(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<QuarantinedItem> item = visible(id, request);
        if (item.isEmpty()) {
            return OperatorFacilityController.notFound(response, model);
        }
        QuarantineReprocessing.Reprocessed done = reprocessing.reprocess(item.get(), OperatorViews.principal(request));
        QuarantinedItem after = quarantine.find(item.get().id()).orElseThrow();
        model.addAttribute("entry", item(after, views.facilitiesById()));
        model.addAttribute("outcome", done);
        model.addAttribute("wasHeld", item.get().held());
        model.addAttribute("resultReason", done.result() == null || done.result().reason() == null ? ""
                : done.result().reason());
        model.addAttribute("resultReasonText", done.result() == null ? "" : reasonText(done.result().reason()));
        return "portal/operator/quarantine-result";
    }

    /** The item as {@code QuarantineController} lets this person see it: a hub administrator sees every facility's. */
    private Optional<QuarantinedItem> visible(String id, HttpServletRequest request) {
        UUID key;
        try {
            key = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        HubPrincipal principal = OperatorViews.principal(request);
        return quarantine.find(key).filter(item -> principal.has(HubRole.HUB_ADMIN)
                || item.facilityId().equals(principal.actingFacilityId()));
    }

    private Item item(QuarantinedItem item, Map<String, Facility> facilities) {
        Facility facility = facilities.get(item.facilityId());
        return new Item(item, facility == null ? item.facilityId() : facility.details().name(),
                OperatorViews.time(item.quarantinedAt()), OperatorViews.time(item.lastTriedAt()),
                OperatorViews.time(item.resolvedAt()), reasonText(item.reason()));
    }

    private String reasonText(String reason) {
        return QuarantineText.reason(reason)
                .map(r -> messages.text(new FacilityFormCheck.Problem(r.key(), r.args()))).orElse("");
    }
}
