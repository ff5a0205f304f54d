package jp.renkei.hub.app.portal.carenet;

import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.blankToNull;
import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.id;
import static jp.renkei.hub.app.portal.carenet.CareNetPageSupport.missing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.carenet.post.PostQuery;
import jp.renkei.hub.carenet.post.PostView;
import jp.renkei.hub.carenet.post.Posts;
import jp.renkei.hub.carenet.room.Member;
import jp.renkei.hub.carenet.room.Rooms;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Searching a room's posts in the portal: free words (found inside Japanese sentences), the member who wrote,
 * their profession and a date range (Japan time, both days included), as the API's search does. The form is a
 * plain GET, so a search can be bookmarked; htmx swaps only the results.
 */
@Controller
class CareNetSearchPages {

    private final Rooms rooms;
    private final Posts posts;

    CareNetSearchPages(Rooms rooms, Posts posts) {
        this.rooms = rooms;
        this.posts = posts;
    }

    /** What was asked, shown again in the form. */
    record Asked(String q, String authorId, String profession, String from, String to) {

        boolean any() {
            return !(q.isBlank() && authorId.isBlank() && profession.isBlank() && from.isBlank() && to.isBlank());
        }
    }

    /** A post found, with the time it was written. */
    record Found(PostView view, String writtenAt) {
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/search")
    String search(@PathVariable String roomId, @RequestParam(defaultValue = "") String q,
                  @RequestParam(defaultValue = "") String authorId, @RequestParam(defaultValue = "") String profession,
                  @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Requester requester = Requesters.current(request);
        UUID id = id(roomId);
        if (id == null) {
            return missing(response);
        }
        Asked asked = new Asked(q, authorId, profession, from, to);
        try {
            Rooms.RoomDetails details = rooms.room(id, requester);
            model.addAttribute("room", details.room());
            List<Member> members = details.members().stream().filter(Member::current).toList();
            model.addAttribute("members", members);
            model.addAttribute("professions", members.stream().map(Member::profession).distinct().sorted().toList());
            model.addAttribute("asked", asked);
            List<String> errors = new ArrayList<>();
            LocalDate fromDate = date(from, "cnp.search.badFrom", errors);
            LocalDate toDate = date(to, "cnp.search.badTo", errors);
            model.addAttribute("errors", errors);
            List<Found> found = List.of();
            if (asked.any() && errors.isEmpty()) {
                found = posts.search(id, new PostQuery(q, blankToNull(authorId), blankToNull(profession),
                                fromDate == null ? null : fromDate.atStartOfDay(CareNetPages.JAPAN).toInstant(),
                                toDate == null ? null : toDate.plusDays(1).atStartOfDay(CareNetPages.JAPAN).toInstant(), 100),
                        requester).stream().map(v -> new Found(v, CareNetPages.MINUTE.format(v.post().createdAt()))).toList();
            }
            if (!errors.isEmpty()) {
                response.setStatus(400);
            }
            model.addAttribute("searched", asked.any() && errors.isEmpty());
            model.addAttribute("found", found);
            return "portal/carenet/search";
        } catch (ApiException e) {
            return missing(response);
        }
    }

    /** A date from the form; a malformed one is reported by its message key (both fields are type=date). */
    private static LocalDate date(String text, String errorKey, List<String> errors) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(errorKey);
            return null;
        }
    }
}
