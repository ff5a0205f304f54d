package jp.renkei.hub.app.portal.carenet;

import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.id;
import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.missing;
import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.refused;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.carenet.post.PinColour;
import jp.renkei.hub.carenet.post.PostView;
import jp.renkei.hub.carenet.post.Posts;
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
 * One post in the portal: opening it counts as reading it; its comments (and a comment form), who read it and
 * when, who has not yet, and the person's own coloured pin. A post the person may not see (another room's, or
 * not shared with family for a family member) answers the page of an absent room.
 */
@Controller
class CareNetPostPages {

    private final Rooms rooms;
    private final Posts posts;

    CareNetPostPages(Rooms rooms, Posts posts) {
        this.rooms = rooms;
        this.posts = posts;
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/posts/{postId}")
    String post(@PathVariable String roomId, @PathVariable String postId, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        UUID room = id(roomId);
        UUID post = id(postId);
        if (room == null || post == null) {
            return missing(response);
        }
        try {
            return page(room, post, Requesters.current(request), model, "");
        } catch (ApiException e) {
            return missing(response);
        }
    }

    @PostMapping("/portal/care-net/rooms/{roomId}/posts/{postId}/comments")
    String comment(@PathVariable String roomId, @PathVariable String postId,
                   @RequestParam(defaultValue = "") String body, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        return act(roomId, postId, request, response, model, body,
                (room, post, requester) -> posts.comment(room, post, body, requester));
    }

    @PostMapping("/portal/care-net/rooms/{roomId}/posts/{postId}/pin")
    String pin(@PathVariable String roomId, @PathVariable String postId, @RequestParam(defaultValue = "") String colour,
               HttpServletRequest request, HttpServletResponse response, Model model) {
        PinColour pin = java.util.Arrays.stream(PinColour.values()).filter(c -> c.name().equals(colour))
                .findFirst().orElse(null);
        return act(roomId, postId, request, response, model, "",
                (room, post, requester) -> posts.pin(room, post, pin, requester));
    }

    private String act(String roomId, String postId, HttpServletRequest request, HttpServletResponse response,
                       Model model, String typed, Action action) {
        Requester requester = Requesters.current(request);
        UUID room = id(roomId);
        UUID post = id(postId);
        if (room == null || post == null) {
            return missing(response);
        }
        try {
            action.apply(room, post, requester);
            return "redirect:/portal/care-net/rooms/" + room + "/posts/" + post;
        } catch (ApiException e) {
            String missing = refused(e, response, model);
            if (missing != null) {
                return missing;
            }
            try {
                return page(room, post, requester, model, typed);
            } catch (ApiException again) {
                return missing(response);
            }
        }
    }

    @FunctionalInterface
    private interface Action {
        void apply(UUID room, UUID post, Requester requester);
    }

    private String page(UUID room, UUID post, Requester requester, Model model, String typed) {
        Rooms.RoomDetails details = rooms.room(room, requester);
        PostView view = posts.open(room, post, requester);
        model.addAttribute("room", details.room());
        model.addAttribute("post", view);
        model.addAttribute("writtenAt", CareNetPages.MINUTE.format(view.post().createdAt()));
        model.addAttribute("comments", posts.comments(room, post, requester));
        model.addAttribute("receipts", posts.receipts(room, post, requester));
        model.addAttribute("notYetRead", posts.notYetRead(room, post, requester));
        model.addAttribute("colours", List.of(PinColour.values()));
        model.addAttribute("typedComment", typed);
        model.addAttribute("minute", CareNetPages.MINUTE);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", List.of());
        }
        return "portal/carenet/post";
    }
}
