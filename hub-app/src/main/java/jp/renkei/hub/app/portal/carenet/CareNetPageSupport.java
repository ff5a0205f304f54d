package jp.renkei.hub.app.portal.carenet;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/**
 * What the care-net pages share: IDs from the path (a malformed one is an absent room), the 404 page that a
 * room the person may not see answers exactly as an absent one, and the domain's Japanese sentences on a page.
 */
final class CareNetPageSupport {

    static final String MISSING = "portal/carenet/missing";

    /** The domain refused: 404 becomes the page of an absent room, anything else the domain's sentences. */
    static String refused(ApiException e, HttpServletResponse response, Model model) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            return missing(response);
        }
        response.setStatus(e.status().value());
        model.addAttribute("errors", messages(e));
        return null;
    }

    static List<String> messages(ApiException e) {
        return e.fieldErrors().isEmpty() ? List.of(e.getMessage()) : List.copyOf(e.fieldErrors().values());
    }

    static String missing(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return MISSING;
    }

    static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private CareNetPageSupport() {
    }
}
