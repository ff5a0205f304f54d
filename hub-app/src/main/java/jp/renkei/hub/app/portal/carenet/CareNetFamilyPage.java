package jp.renkei.hub.app.portal.carenet;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.carenet.family.FamilyInvitations;
import jp.renkei.hub.carenet.room.Rooms;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Inviting a family member by e-mail from a room ({@link FamilyInvitations}): a form of name and address for the
 * room's members (the service lets only the applicant and caretaker invite, and says so in Japanese); a room the
 * person is not a member of is the room's 404 page.
 */
@Controller
class CareNetFamilyPage {

    private static final String PAGE = "portal/carenet/family";

    private final Rooms rooms;
    private final FamilyInvitations invitations;

    CareNetFamilyPage(Rooms rooms, FamilyInvitations invitations) {
        this.rooms = rooms;
        this.invitations = invitations;
    }

    /** What was typed, kept when the invitation is refused. */
    record Typed(String displayName, String email) {
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/family")
    String form(@PathVariable String roomId, HttpServletRequest request, HttpServletResponse response, Model model) {
        UUID id = id(roomId);
        if (id == null || !room(id, Requesters.current(request), model)) {
            return missing(response);
        }
        model.addAttribute("typed", new Typed("", ""));
        model.addAttribute("errors", List.of());
        return PAGE;
    }

    @PostMapping("/portal/care-net/rooms/{roomId}/family")
    String invite(@PathVariable String roomId, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(defaultValue = "") String email, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        Requester requester = Requesters.current(request);
        UUID id = id(roomId);
        if (id == null || !room(id, requester, model)) {
            return missing(response);
        }
        try {
            FamilyInvitations.Invited invited = invitations.invite(id, email, displayName, requester);
            model.addAttribute("invited", invited);
            model.addAttribute("expires", CareNetPages.MINUTE.format(invited.expiresAt()));
            model.addAttribute("typed", new Typed("", ""));
            model.addAttribute("errors", List.of());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return missing(response);
            }
            response.setStatus(e.status().value());
            List<String> errors = new ArrayList<>(e.fieldErrors().values());
            if (errors.isEmpty()) {
                errors.add(e.getMessage());
            }
            model.addAttribute("typed", new Typed(displayName, email));
            model.addAttribute("errors", errors);
        }
        return PAGE;
    }

    private boolean room(UUID id, Requester requester, Model model) {
        try {
            model.addAttribute("room", rooms.room(id, requester).room());
            return true;
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String missing(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "portal/carenet/missing";
    }
}
