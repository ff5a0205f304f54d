package jp.renkei.hub.app.portal.carenet;

import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.id;
import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.missing;
import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.refused;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.carenet.message.Conversation;
import jp.renkei.hub.carenet.message.Conversations;
import jp.renkei.hub.carenet.room.Member;
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

/**
 * Direct messages (特別便) in the portal: the person's conversations in a room, starting one with chosen members,
 * and a conversation's messages with a reply form. A conversation the person does not take part in answers the
 * page of an absent room, like a room they are not a member of.
 */
@Controller
class CareNetMessagePages {

    private final Rooms rooms;
    private final Conversations conversations;

    CareNetMessagePages(Rooms rooms, Conversations conversations) {
        this.rooms = rooms;
        this.conversations = conversations;
    }

    /** What was typed into the new-conversation form. */
    record Draft(String subject, List<String> memberIds, String body) {
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/messages")
    String list(@PathVariable String roomId, HttpServletRequest request, HttpServletResponse response, Model model) {
        UUID id = id(roomId);
        if (id == null) {
            return missing(response);
        }
        try {
            model.addAttribute("draft", new Draft("", List.of(), ""));
            return listPage(id, Requesters.current(request), model);
        } catch (ApiException e) {
            return missing(response);
        }
    }

    @PostMapping("/portal/care-net/rooms/{roomId}/messages")
    String start(@PathVariable String roomId, @RequestParam(defaultValue = "") String subject,
                 @RequestParam(required = false) List<String> memberIds, @RequestParam(defaultValue = "") String body,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        Requester requester = Requesters.current(request);
        UUID id = id(roomId);
        if (id == null) {
            return missing(response);
        }
        List<String> chosen = memberIds == null ? List.of() : memberIds;
        try {
            Conversation started = conversations.start(id, subject, chosen, body, requester);
            return "redirect:/portal/care-net/rooms/" + id + "/messages/" + started.id();
        } catch (ApiException e) {
            String missing = refused(e, response, model);
            if (missing != null) {
                return missing;
            }
            model.addAttribute("draft", new Draft(subject, chosen, body));
            try {
                return listPage(id, requester, model);
            } catch (ApiException again) {
                return missing(response);
            }
        }
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/messages/{conversationId}")
    String conversation(@PathVariable String roomId, @PathVariable String conversationId, HttpServletRequest request,
                        HttpServletResponse response, Model model) {
        UUID id = id(roomId);
        UUID conversation = id(conversationId);
        if (id == null || conversation == null) {
            return missing(response);
        }
        try {
            return conversationPage(id, conversation, Requesters.current(request), model, "");
        } catch (ApiException e) {
            return missing(response);
        }
    }

    @PostMapping("/portal/care-net/rooms/{roomId}/messages/{conversationId}")
    String reply(@PathVariable String roomId, @PathVariable String conversationId,
                 @RequestParam(defaultValue = "") String body, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        Requester requester = Requesters.current(request);
        UUID id = id(roomId);
        UUID conversation = id(conversationId);
        if (id == null || conversation == null) {
            return missing(response);
        }
        try {
            conversations.reply(id, conversation, body, requester);
            return "redirect:/portal/care-net/rooms/" + id + "/messages/" + conversation;
        } catch (ApiException e) {
            String missing = refused(e, response, model);
            if (missing != null) {
                return missing;
            }
            try {
                return conversationPage(id, conversation, requester, model, body);
            } catch (ApiException again) {
                return missing(response);
            }
        }
    }

    private String listPage(UUID id, Requester requester, Model model) {
        Rooms.RoomDetails details = rooms.room(id, requester);
        model.addAttribute("room", details.room());
        model.addAttribute("conversations", conversations.mine(id, requester));
        model.addAttribute("others", details.members().stream().filter(Member::current)
                .filter(m -> !m.personId().equals(requester.id())).toList());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.of());
        }
        model.addAttribute("minute", CareNetPages.MINUTE);
        return "portal/carenet/messages";
    }

    private String conversationPage(UUID id, UUID conversationId, Requester requester, Model model, String typed) {
        Rooms.RoomDetails details = rooms.room(id, requester);
        model.addAttribute("messages", conversations.messages(id, conversationId, requester));
        Conversation conversation = conversations.mine(id, requester).stream()
                .filter(c -> c.id().equals(conversationId)).findFirst().orElseThrow(() -> ApiException.notFound("conversation"));
        model.addAttribute("room", details.room());
        model.addAttribute("conversation", conversation);
        model.addAttribute("typed", typed);
        model.addAttribute("minute", CareNetPages.MINUTE);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.of());
        }
        return "portal/carenet/conversation";
    }
}
