package jp.renkei.hub.app.portal.carenet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.renkei.hub.carenet.attachment.AttachmentStore.StoredBytes;
import jp.renkei.hub.carenet.attachment.UploadPolicy;
import jp.renkei.hub.carenet.post.NewPost;
import jp.renkei.hub.carenet.post.PostView;
import jp.renkei.hub.carenet.post.Posts;
import jp.renkei.hub.carenet.post.ReadReceipt;
import jp.renkei.hub.carenet.post.TimelineFilter;
import jp.renkei.hub.carenet.post.TimelinePage;
import jp.renkei.hub.carenet.room.Room;
import jp.renkei.hub.carenet.room.Rooms;
import jp.renkei.hub.carenet.template.CategoryTemplate;
import jp.renkei.hub.carenet.template.StructuredEntry;
import jp.renkei.hub.carenet.template.TemplateCatalog;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Care-net in the portal: the person's rooms, a room's timeline (opening it marks its posts read, as opening a post
 * through the API does) and a post form. Thin over the same services as the API ({@link Rooms}, {@link Posts}),
 * called with the person's {@link Requester}: a room the person is not a member of answers the same 404 page as a
 * room that does not exist.
 */
@Controller
class CareNetPages {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(JAPAN);

    /** A room in the person's list. */
    record RoomLine(String id, String patientName, String status, int unread) {
    }

    /** A post as the timeline shows it: {@code unread} is this person's state before the room was opened. */
    record PostLine(PostView view, boolean unread, String writtenAt, List<ReadReceipt> readers) {
    }

    private final Rooms rooms;
    private final Posts posts;
    private final TemplateCatalog templates;

    CareNetPages(Rooms rooms, Posts posts, TemplateCatalog templates) {
        this.rooms = rooms;
        this.posts = posts;
        this.templates = templates;
    }

    @GetMapping("/portal/care-net")
    String list(HttpServletRequest request, Model model) {
        Requester requester = Requesters.current(request);
        List<RoomLine> lines = rooms.mine(requester).stream()
                .map(r -> new RoomLine(r.id().toString(), r.patientName(), r.status().name(), unread(r, requester)))
                .toList();
        model.addAttribute("rooms", lines);
        // links to the pages of CareNetRoomAdminPages and CareNetSupportPages, for those who may use them
        model.addAttribute("mayApply", Rooms.APPLICANTS.stream().anyMatch(requester::has));
        model.addAttribute("supportCentre", requester.has(jp.renkei.hub.core.security.HubRole.HUB_ADMIN));
        return "portal/carenet/rooms";
    }

    private int unread(Room room, Requester requester) {
        try {
            return posts.timeline(room.id(), new TimelineFilter(true, null, TimelineFilter.MAX_LIMIT), requester)
                    .size();
        } catch (ApiException e) {
            return 0; // a room not open yet has no timeline
        }
    }

    @GetMapping("/portal/care-net/rooms/{roomId}")
    String room(@PathVariable String roomId, @RequestParam(defaultValue = "all") String show,
                @RequestParam(defaultValue = "") String pin, @RequestParam(defaultValue = "") String before,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        Requester requester = Requesters.current(request);
        UUID id = id(roomId);
        if (id == null) {
            return missing(response);
        }
        model.addAttribute("filter", TimelineForm.of(show, pin, before));
        try {
            return page(id, requester, model, null);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return missing(response);
            }
            throw e;
        }
    }

    @PostMapping("/portal/care-net/rooms/{roomId}/posts")
    String post(@PathVariable String roomId, @RequestParam(defaultValue = "") String title,
                @RequestParam(defaultValue = "") String body, @RequestParam(defaultValue = "") String category,
                @RequestParam(defaultValue = "false") boolean sharedWithFamily,
                @RequestParam(required = false) MultipartFile photo, @RequestParam Map<String, String> fields,
                HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Requester requester = Requesters.current(request);
        UUID id = id(roomId);
        if (id == null) {
            return missing(response);
        }
        List<StructuredEntry> entries = new ArrayList<>();
        if (!category.isBlank()) {
            String prefix = "entry." + category + ".";
            Map<String, Object> values = new LinkedHashMap<>();
            fields.forEach((name, value) -> {
                if (name.startsWith(prefix) && !value.isBlank()) {
                    values.put(name.substring(prefix.length()), value);
                }
            });
            entries.add(new StructuredEntry(category, values));
        }
        List<UploadPolicy.Upload> uploads = photo == null || photo.isEmpty() ? List.of()
                : List.of(new UploadPolicy.Upload(photo.getOriginalFilename(),
                        Base64.getEncoder().encodeToString(photo.getBytes())));
        try {
            posts.create(id, new NewPost(title, body, entries, sharedWithFamily), uploads, requester);
            return "redirect:/portal/care-net/rooms/" + id;
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return missing(response);
            }
            response.setStatus(e.status().value());
            List<String> errors = e.fieldErrors().isEmpty() ? List.of(e.getMessage())
                    : List.copyOf(e.fieldErrors().values());
            model.addAttribute("typed", new Typed(title, body, category, sharedWithFamily, fields));
            try {
                return page(id, requester, model, errors);
            } catch (ApiException again) {
                return missing(response);
            }
        }
    }

    /** What the person typed, shown again next to the domain's messages. */
    record Typed(String title, String body, String category, boolean sharedWithFamily, Map<String, String> fields) {
        public String value(String categoryCode, String item) {
            return fields.getOrDefault("entry." + categoryCode + "." + item, "");
        }
    }

    @GetMapping("/portal/care-net/rooms/{roomId}/posts/{postId}/files/{fileId}")
    ResponseEntity<byte[]> file(@PathVariable String roomId, @PathVariable String postId, @PathVariable String fileId,
                                @RequestParam(defaultValue = "false") boolean thumbnail, HttpServletRequest request) {
        UUID room = id(roomId);
        UUID post = id(postId);
        UUID file = id(fileId);
        if (room == null || post == null || file == null) {
            return ResponseEntity.notFound().build();
        }
        try {
            StoredBytes bytes = posts.file(room, post, file, thumbnail, Requesters.current(request));
            // photos open in the browser; PDF, Word and Excel are downloaded, never shown as the portal's page
            ContentDisposition disposition = (bytes.contentType().startsWith("image/") ? ContentDisposition.inline()
                    : ContentDisposition.attachment()).filename(bytes.fileName(), StandardCharsets.UTF_8).build();
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(bytes.contentType()))
                    .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                    .header("X-Content-Type-Options", "nosniff").body(bytes.content());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return ResponseEntity.notFound().build();
            }
            throw e;
        }
    }

    private String page(UUID id, Requester requester, Model model, List<String> errors) {
        if (!model.containsAttribute("filter")) {
            model.addAttribute("filter", TimelineForm.of("all", "", ""));
        }
        TimelineForm filter = (TimelineForm) model.getAttribute("filter");
        // one page of the timeline, opened at once: a long timeline is read page by page (TimelineForm.PAGE)
        TimelinePage timeline = posts.openTimeline(id, filter.domain(), requester);
        List<PostLine> lines = new ArrayList<>();
        for (PostView view : timeline.posts()) {
            lines.add(new PostLine(view, timeline.wereUnread().contains(view.post().id()),
                    MINUTE.format(view.post().createdAt()), timeline.readers().get(view.post().id())));
        }
        model.addAttribute("older", lines.size() == TimelineForm.PAGE
                ? filter.olderThan(lines.get(lines.size() - 1).view().post().createdAt()) : null);
        List<CategoryTemplate> categories = templates.list();
        model.addAttribute("room", timeline.room()); // checked and read with the timeline: one audit record
        model.addAttribute("posts", lines);
        model.addAttribute("categories", categories);
        model.addAttribute("errors", errors == null ? List.of() : errors);
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", new Typed("", "", "", false, Map.of()));
        }
        return "portal/carenet/room";
    }

    static String missing(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "portal/carenet/missing";
    }

    static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
