package jp.renkei.hub.app.portal.carenet;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A room's vital-sign trend charts: a page of its own, and the section the room page loads into itself with htmx
 * (the room page links here, so it works without script). Members only: anyone else gets the room's 404 page.
 */
@Controller
class CareNetVitalsPage {

    private final VitalCharts charts;

    CareNetVitalsPage(VitalCharts charts) {
        this.charts = charts;
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/vitals")
    String vitals(@PathVariable String roomId, HttpServletRequest request, HttpServletResponse response, Model model) {
        UUID id;
        try {
            id = UUID.fromString(roomId);
        } catch (IllegalArgumentException e) {
            return missing(response);
        }
        try {
            model.addAttribute("vitals", charts.room(id, Requesters.current(request)));
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return missing(response);
            }
            throw e;
        }
        // htmx asks for the section only, to put it into the room page
        return request.getHeader("HX-Request") != null ? "portal/carenet/vitals :: vitals-section" : "portal/carenet/vitals";
    }

    private static String missing(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "portal/carenet/missing";
    }
}
