package jp.renkei.hub.app.portal.carenet;

import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.id;
import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.missing;
import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.refused;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.carenet.room.IdleRooms;
import jp.renkei.hub.carenet.room.Room;
import jp.renkei.hub.carenet.room.RoomStatus;
import jp.renkei.hub.carenet.room.Rooms;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The regional support centre's care-net desk (hub administrators): the applications waiting (approve, or
 * refuse with a reason), closed rooms to archive, and rooms idle for a year (tell their applicant and caretaker).
 * {@link Rooms} and {@link IdleRooms} refuse anyone else with 403 and their Japanese sentence.
 */
@Controller
class CareNetSupportPages {

    private final Rooms rooms;
    private final IdleRooms idle;

    CareNetSupportPages(Rooms rooms, IdleRooms idle) {
        this.rooms = rooms;
        this.idle = idle;
    }

    @GetMapping("/portal/care-net/support")
    String desk(HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            return page(Requesters.current(request), model);
        } catch (ApiException e) {
            refused(e, response, model);
            return "portal/carenet/support-refused";
        }
    }

    @PostMapping("/portal/care-net/support/rooms/{roomId}/approve")
    String approve(@PathVariable String roomId, HttpServletRequest request, HttpServletResponse response, Model model,
                   RedirectAttributes redirect) {
        return act(roomId, request, response, model, redirect, "carenet.support.approved",
                (id, requester) -> rooms.decide(id, true, null, requester).patientName());
    }

    @PostMapping("/portal/care-net/support/rooms/{roomId}/reject")
    String reject(@PathVariable String roomId, @RequestParam(defaultValue = "") String reason,
                  HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return act(roomId, request, response, model, redirect, "carenet.support.rejected",
                (id, requester) -> rooms.decide(id, false, reason, requester).patientName());
    }

    @PostMapping("/portal/care-net/support/rooms/{roomId}/archive")
    String archive(@PathVariable String roomId, HttpServletRequest request, HttpServletResponse response, Model model,
                   RedirectAttributes redirect) {
        return act(roomId, request, response, model, redirect, "carenet.support.archived",
                (id, requester) -> rooms.archive(id, requester).patientName());
    }

    @PostMapping("/portal/care-net/support/rooms/{roomId}/idle-notice")
    String notifyIdle(@PathVariable String roomId, HttpServletRequest request, HttpServletResponse response,
                      Model model, RedirectAttributes redirect) {
        return act(roomId, request, response, model, redirect, "carenet.support.notified", (id, requester) -> {
            idle.notifyOwners(id, requester);
            return "";
        });
    }

    private String act(String roomId, HttpServletRequest request, HttpServletResponse response, Model model,
                       RedirectAttributes redirect, String notice, Action action) {
        Requester requester = Requesters.current(request);
        UUID id = id(roomId);
        if (id == null) {
            return missing(response);
        }
        try {
            redirect.addFlashAttribute("changedName", action.apply(id, requester));
            redirect.addFlashAttribute("changed", notice);
            return "redirect:/portal/care-net/support";
        } catch (ApiException e) {
            String missing = refused(e, response, model);
            if (missing != null) {
                return missing;
            }
            try {
                return page(requester, model);
            } catch (ApiException notSupportCentre) {
                return "portal/carenet/support-refused";
            }
        }
    }

    @FunctionalInterface
    private interface Action {
        String apply(UUID roomId, Requester requester);
    }

    private String page(Requester requester, Model model) {
        List<Room> applied = rooms.withStatus(RoomStatus.APPLIED, requester);
        model.addAttribute("applied", applied);
        model.addAttribute("closed", rooms.withStatus(RoomStatus.CLOSED, requester));
        model.addAttribute("idle", idle.list(requester));
        model.addAttribute("minute", CareNetPages.MINUTE);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.of());
        }
        return "portal/carenet/support";
    }
}
