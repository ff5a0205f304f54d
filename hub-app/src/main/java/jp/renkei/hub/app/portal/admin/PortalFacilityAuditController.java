package jp.renkei.hub.app.portal.admin;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditFilter;
import jp.renkei.hub.core.audit.AuditQuery;
import jp.renkei.hub.core.audit.AuditRecord;
import jp.renkei.hub.core.person.Person;
import jp.renkei.hub.core.person.PersonAccounts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The acting facility's own audit trail ({@code /portal/facility/audit}): the events recorded for this facility
 * (its people's and systems' accesses, and logins into it), newest first, filtered by day, person and action, a page
 * at a time. The facility is always the acting one ({@link AuditQuery}, the query behind
 * {@code /api/admin/audit}), whatever the request says: no filter opens another facility's events.
 */
@Controller
class PortalFacilityAuditController {

    /** One event as the table shows it. */
    record Row(long seq, String time, String who, String action, String outcome, String resource, String patientRef,
               String detail) {
    }

    static final int PAGE_SIZE = 50;
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(JAPAN);

    private final AuditQuery audit;
    private final PersonAccounts accounts;

    PortalFacilityAuditController(AuditQuery audit, PersonAccounts accounts) {
        this.audit = audit;
        this.accounts = accounts;
    }

    @GetMapping("/portal/facility/audit")
    String audit(@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                 @RequestParam(defaultValue = "") String person, @RequestParam(defaultValue = "") String action,
                 @RequestParam(defaultValue = "1") String page, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        String facilityId = FacilityAdminPages.facilityId(request);
        List<Person> people = accounts.members(facilityId);
        Map<String, String> names = people.stream().collect(Collectors.toMap(Person::id,
                p -> p.displayName() + " (" + p.login() + ")", (a, b) -> a));
        model.addAttribute("section", "audit");
        model.addAttribute("people", people);
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("person", person);
        model.addAttribute("action", action);

        LocalDate fromDay;
        LocalDate toDay;
        try {
            fromDay = from.isBlank() ? null : LocalDate.parse(from.strip());
            toDay = to.isBlank() ? null : LocalDate.parse(to.strip());
        } catch (DateTimeParseException e) {
            return refuse(response, model, "admin.audit.error.date");
        }
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            return refuse(response, model, "admin.audit.error.order");
        }
        AuditAction actionValue = Arrays.stream(AuditAction.values()).filter(a -> a.name().equals(action))
                .findFirst().orElse(null);
        int pageNumber = page.matches("[1-9][0-9]{0,5}") ? Integer.parseInt(page) : 1;
        AuditFilter filter = AuditFilter.any()
                .withFacilityId(facilityId)
                .withFrom(fromDay == null ? null : fromDay.atStartOfDay(JAPAN).toInstant())
                .withTo(toDay == null ? null : toDay.plusDays(1).atStartOfDay(JAPAN).toInstant())
                .withActorId(person.isBlank() ? null : person.strip())
                .withAction(actionValue);
        // one more than a page tells whether there is a next page
        List<AuditRecord> records = audit.search(filter, PAGE_SIZE + 1, (pageNumber - 1) * PAGE_SIZE);
        Function<AuditRecord, Row> row = r -> new Row(r.seq(), TIME.format(r.recordedAt()),
                names.getOrDefault(r.actorId(), r.actorId() == null ? "" : r.actorId()), r.action().name(),
                r.outcome().name(), r.resource() == null ? "" : r.resource(),
                r.patientRef() == null ? "" : r.patientRef(), r.detail() == null ? "" : r.detail());
        model.addAttribute("rows", records.stream().limit(PAGE_SIZE).map(row).toList());
        model.addAttribute("page", pageNumber);
        model.addAttribute("hasNext", records.size() > PAGE_SIZE);
        return "portal/admin/audit";
    }

    private static String refuse(HttpServletResponse response, Model model, String error) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("error", error);
        model.addAttribute("rows", List.of());
        model.addAttribute("page", 1);
        model.addAttribute("hasNext", false);
        return "portal/admin/audit";
    }
}
