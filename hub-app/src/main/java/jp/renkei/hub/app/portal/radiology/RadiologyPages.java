package jp.renkei.hub.app.portal.radiology;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.RequestAttributes;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.ui.Model;

/** The radiology pages' shared answers: the refusal and "not found" pages, the event number in a path. */
final class RadiologyPages {

    static final String NOT_FOUND = "portal/radiology/not-found";
    static final String DENIED = "portal/denied";
    static final String PROBLEM = "portal/radiology/problem";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Tokyo"));

    private RadiologyPages() {
    }

    /** A moment as Japan's local date and time; empty when it has not happened. */
    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** A request's ID in a path; empty when it is not one. */
    static Optional<UUID> id(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static HubPrincipal principal(HttpServletRequest request) {
        return RequestAttributes.principal(request).orElseThrow();
    }

    static boolean hasAny(HttpServletRequest request, Set<HubRole> roles) {
        return RequestAttributes.principal(request).map(p -> p.roles().stream().anyMatch(roles::contains))
                .orElse(false);
    }

    /** The same Japanese page as a page the person's role does not open (403). */
    static String denied(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("reason", "role");
        return DENIED;
    }

    /** One page (404) for what does not exist and for what the person may not see. */
    static String notFound(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return NOT_FOUND;
    }

    /** A domain refusal as a page: not found (also another facility's), not allowed, or the move's problem. */
    static String refused(ApiException e, HttpServletResponse response, Model model) {
        return switch (e.status()) {
            case NOT_FOUND -> notFound(response, model);
            case FORBIDDEN -> denied(response, model);
            default -> {
                response.setStatus(e.status().value());
                model.addAttribute("problem", e.status().value() == 409 ? "radiology.problem.state"
                        : "radiology.problem.input");
                model.addAttribute("fields", e.fieldErrors().keySet());
                yield PROBLEM;
            }
        };
    }

    /** The event number of a path, grouped or not; empty when it is not a valid number. */
    static Optional<EventNumber> eventNumber(String text) {
        String digits = text.replace("-", "");
        if (!digits.matches("[1-9][0-9]{15}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventNumber.parse(digits));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }
}
