package jp.renkei.hub.app.portal.breakglass;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.consent.breakglass.BreakGlass;
import jp.renkei.hub.consent.breakglass.BreakGlassAccess;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.HubAccessRules;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.RequestAttributes;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Break-glass in the portal: a doctor opens emergency CLINICAL access to one patient for their facility, with
 * the reason the domain ({@link BreakGlass}) requires, and is taken to the patient page, which the consent gate
 * then opens until the access ends by itself. Doctors and facility administrators
 * ({@link HubAccessRules#BREAK_GLASS_REVIEWERS}) review the emergencies their facility opened, open and past,
 * and the notices of emergencies other facilities opened for their own patients.
 */
@Controller
class BreakGlassPages {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(JAPAN);

    /** One emergency access in a list. */
    record Line(String number, String facility, String localPatientId, String doctor, String reason, String openedAt,
                String expiresAt, boolean open) {
    }

    private final BreakGlass breakGlass;
    private final FacilityRegistry facilities;
    private final Clock clock;

    BreakGlassPages(BreakGlass breakGlass, FacilityRegistry facilities, Clock clock) {
        this.breakGlass = breakGlass;
        this.facilities = facilities;
        this.clock = clock;
    }

    @GetMapping("/portal/break-glass")
    String page(HttpServletRequest request, Model model) {
        return page(actor(request), model);
    }

    @PostMapping("/portal/break-glass")
    String open(@RequestParam(defaultValue = "") String number, @RequestParam(defaultValue = "") String reason,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        HubPrincipal actor = actor(request);
        model.addAttribute("typedNumber", number);
        model.addAttribute("typedReason", reason);
        if (!actor.has(HubRole.DOCTOR)) {
            return refuse(response, model, actor, HttpStatus.FORBIDDEN, "breakglass.error.doctorOnly");
        }
        Optional<EventNumber> parsed = parse(number);
        if (parsed.isEmpty()) {
            return refuse(response, model, actor, HttpStatus.BAD_REQUEST, "breakglass.error.number");
        }
        try {
            BreakGlassAccess access = breakGlass.open(parsed.get().formatted(), reason, actor);
            return "redirect:/portal/patients/" + access.eventNumber().formatted();
        } catch (ApiException e) {
            String key = switch (e.status()) {
                case FORBIDDEN -> "breakglass.error.doctorOnly";
                case NOT_FOUND -> "breakglass.error.notFound";
                default -> reason.strip().length() > 1000 ? "breakglass.error.reason.tooLong"
                        : "breakglass.error.reason.required";
            };
            return refuse(response, model, actor, e.status(), key);
        }
    }

    private String refuse(HttpServletResponse response, Model model, HubPrincipal actor, HttpStatus status,
                          String key) {
        response.setStatus(status.value());
        model.addAttribute("error", key);
        return page(actor, model);
    }

    private String page(HubPrincipal actor, Model model) {
        Instant now = clock.instant();
        model.addAttribute("mayOpen", actor.has(HubRole.DOCTOR));
        model.addAttribute("mayOpenPatients",
                actor.roles().stream().anyMatch(HubAccessRules.PORTAL_PATIENT_VIEWERS::contains));
        List<Line> opened = breakGlass.openedBy(actor).stream()
                .map(a -> new Line(a.eventNumber().formatted(), facilityName(a.facilityId()), null, a.doctorId(),
                        a.reason(), MINUTE.format(a.openedAt()), MINUTE.format(a.expiresAt()), a.openAt(now)))
                .toList();
        model.addAttribute("opened", opened);
        model.addAttribute("notices", breakGlass.notificationsFor(actor).stream()
                .map(n -> new Line(n.eventNumber(), facilityName(n.openedByFacilityId()), n.localPatientId(),
                        n.doctorId(), n.reason(), MINUTE.format(n.openedAt()), MINUTE.format(n.expiresAt()),
                        !now.isBefore(n.openedAt()) && now.isBefore(n.expiresAt())))
                .toList());
        return "portal/breakglass/index";
    }

    private String facilityName(String id) {
        return facilities.find(id).map(f -> f.details().name()).orElse(id);
    }

    static Optional<EventNumber> parse(String text) {
        String digits = text == null ? "" : text.replace("-", "").replace(" ", "").replace("\u3000", "").strip();
        if (!digits.matches("[1-9][0-9]{15}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventNumber.parse(digits));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static HubPrincipal actor(HttpServletRequest request) {
        return RequestAttributes.principal(request).orElseThrow();
    }
}
