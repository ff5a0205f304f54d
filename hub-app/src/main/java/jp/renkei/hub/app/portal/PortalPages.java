package jp.renkei.hub.app.portal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.carenet.room.NoLongerMember;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.security.HubAccessRules;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.RequestAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The portal's start page, and {@code /} leading to it; every page's header learns who is logged in here, and an
 * unexpected failure of any portal page becomes a Japanese page (500), never a stack trace or JSON.
 */
@Controller
@ControllerAdvice(basePackageClasses = PortalPages.class)
class PortalPages {

    /**
     * The logged-in person as the header shows them.
     *
     * @param mayOpenPatients whether the person's role opens the patient lookup
     * @param menu            the portal areas the person's roles open
     */
    public record Me(String name, String facilityName, boolean mayOpenPatients, List<PortalNavigation.Link> menu) {
    }

    private static final Logger log = LoggerFactory.getLogger(PortalPages.class);

    private final FacilityRegistry facilities;

    PortalPages(FacilityRegistry facilities) {
        this.facilities = facilities;
    }

    @ModelAttribute("me")
    Me me(HttpServletRequest request) {
        return RequestAttributes.principal(request).filter(p -> p.kind() == HubPrincipal.Kind.PERSON)
                .map(p -> new Me(p.display(),
                        facilities.find(p.actingFacilityId()).map(f -> f.details().name()).orElse(""),
                        p.roles().stream().anyMatch(HubAccessRules.PORTAL_PATIENT_VIEWERS::contains),
                        PortalNavigation.of(p)))
                .orElse(null);
    }

    /** The page's own path, for forms that come back to it (the language switch). */
    @ModelAttribute("here")
    String here(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ExceptionHandler(RuntimeException.class)
    String failed(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        log.error("Portal page {} failed", request.getRequestURI(), e);
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        model.addAttribute("me", me(request));
        return "portal/failed";
    }

    /** A person removed from a care-net room, on any of its pages: told so (403), and shown nothing of it. */
    @ExceptionHandler(NoLongerMember.class)
    String noLongerMember(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("me", me(request));
        model.addAttribute("here", here(request));
        return "portal/carenet/removed";
    }

    @GetMapping("/")
    String root() {
        return "redirect:/portal";
    }

    @GetMapping("/portal")
    String home(HttpServletRequest request) {
        Me me = me(request);
        return me != null && me.mayOpenPatients() ? "redirect:/portal/patients" : "portal/home";
    }
}
