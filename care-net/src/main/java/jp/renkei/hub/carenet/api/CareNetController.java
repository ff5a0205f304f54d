package jp.renkei.hub.carenet.api;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.carenet.api.CareNetRequests.ApplyRequest;
import jp.renkei.hub.carenet.api.CareNetRequests.CommentRequest;
import jp.renkei.hub.carenet.api.CareNetRequests.MemberRequest;
import jp.renkei.hub.carenet.api.CareNetRequests.PinRequest;
import jp.renkei.hub.carenet.api.CareNetRequests.PostRequest;
import jp.renkei.hub.carenet.api.CareNetRequests.ReasonRequest;
import jp.renkei.hub.carenet.api.CareNetViews.MemberView;
import jp.renkei.hub.carenet.api.CareNetViews.PostJson;
import jp.renkei.hub.carenet.api.CareNetViews.RoomView;
import jp.renkei.hub.carenet.attachment.AttachmentStore.StoredBytes;
import jp.renkei.hub.carenet.attachment.UploadPolicy;
import jp.renkei.hub.carenet.mail.MailFrequency;
import jp.renkei.hub.carenet.mail.MailPreferences;
import jp.renkei.hub.carenet.message.Conversation;
import jp.renkei.hub.carenet.message.Conversations;
import jp.renkei.hub.carenet.message.Message;
import jp.renkei.hub.carenet.post.Comment;
import jp.renkei.hub.carenet.post.NewPost;
import jp.renkei.hub.carenet.post.PinColour;
import jp.renkei.hub.carenet.post.PostQuery;
import jp.renkei.hub.carenet.post.Posts;
import jp.renkei.hub.carenet.post.ReadReceipt;
import jp.renkei.hub.carenet.post.TimelineFilter;
import jp.renkei.hub.carenet.room.IdleRooms;
import jp.renkei.hub.carenet.room.Room;
import jp.renkei.hub.carenet.room.RoomApplication;
import jp.renkei.hub.carenet.room.RoomStatus;
import jp.renkei.hub.carenet.room.Rooms;
import jp.renkei.hub.carenet.template.CategoryTemplate;
import jp.renkei.hub.carenet.template.StructuredEntry;
import jp.renkei.hub.carenet.template.TemplateCatalog;
import jp.renkei.hub.consent.ScannedForm;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.security.Requesters;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The care-net API: rooms, members, posts, comments, read receipts, pins and files. Membership is checked by
 * the services at every request: a room (or post) the requester may not see answers 404 like a missing one.
 */
@RestController
@RequestMapping("/api/care-net")
@Tag(name = "Care-net", description = "The home-care team's per-patient rooms (利用者部屋): posts, photos, read receipts")
public class CareNetController {

    /** Dates people enter are days in Japan. */
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final Rooms rooms;
    private final Posts posts;
    private final TemplateCatalog templates;
    private final MailPreferences mail;
    private final IdleRooms idleRooms;
    private final Conversations conversations;

    public CareNetController(Rooms rooms, Posts posts, TemplateCatalog templates, MailPreferences mail,
                             IdleRooms idleRooms, Conversations conversations) {
        this.idleRooms = idleRooms;
        this.conversations = conversations;
        this.rooms = rooms;
        this.posts = posts;
        this.templates = templates;
        this.mail = mail;
    }

    @GetMapping("/templates")
    @Operation(summary = "The categories of structured entries and their items (units, ranges, options)")
    public List<CategoryTemplate> templates() {
        return templates.list();
    }

    @PostMapping("/rooms")
    @Operation(summary = "Apply for a patient's room (DOCTOR or CARE_MANAGER) with the scanned written consent")
    public ResponseEntity<RoomView> apply(@RequestBody ApplyRequest request, HttpServletRequest http) {
        if (request.scannedForm() == null || request.scannedForm().isBlank()) {
            throw ApiException.invalid("scannedForm", "利用者の同意書（スキャンした PDF・JPEG・PNG）を添付してください");
        }
        List<RoomApplication.ProposedMember> members = request.members() == null ? List.of()
                : request.members().stream().map(m -> new RoomApplication.ProposedMember(m.personId(), m.facilityId()))
                        .toList();
        Rooms.RoomDetails applied = rooms.apply(new RoomApplication(request.patientName(), request.patientNameKana(),
                request.patientBirthDate(), request.eventNumber(), members, request.caretakerId(),
                ScannedForm.fromBase64(request.scannedForm())), requester(http));
        return ResponseEntity.created(URI.create("/api/care-net/rooms/" + applied.room().id()))
                .body(RoomView.of(applied.room(), applied.members()));
    }

    @GetMapping("/rooms")
    @Operation(summary = "The requester's rooms; with status, every room in that status (support centre: HUB_ADMIN)")
    public List<RoomView> list(@Parameter(description = "e.g. APPLIED: the applications waiting for approval")
                               @RequestParam(required = false) RoomStatus status, HttpServletRequest http) {
        List<Room> found = status == null ? rooms.mine(requester(http)) : rooms.withStatus(status, requester(http));
        return found.stream().map(r -> RoomView.of(r, null)).toList();
    }

    @GetMapping("/rooms/idle")
    @Operation(summary = "Support centre: rooms with no activity for a year")
    public List<RoomView> idle(HttpServletRequest http) {
        return idleRooms.list(requester(http)).stream().map(r -> RoomView.of(r, null)).toList();
    }

    @PostMapping("/rooms/{roomId}/idle-notice")
    @Operation(summary = "Support centre: mail the idle room's applicant and caretaker (no patient data) before deletion")
    public Map<String, Integer> idleNotice(@PathVariable String roomId, HttpServletRequest http) {
        return Map.of("mailsSent", idleRooms.notifyOwners(id(roomId, "roomId"), requester(http)));
    }

    @DeleteMapping("/rooms/{roomId}")
    @Operation(summary = "Support centre: delete a room idle for a year whose owners were told; confirm = the room ID")
    public ResponseEntity<Void> delete(@PathVariable String roomId, @RequestParam(required = false) String confirm,
                                       HttpServletRequest http) {
        idleRooms.delete(id(roomId, "roomId"), confirm, requester(http));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/rooms/{roomId}")
    @Operation(summary = "A room with every membership, current and removed")
    public RoomView room(@PathVariable String roomId, HttpServletRequest http) {
        Rooms.RoomDetails details = rooms.room(id(roomId, "roomId"), requester(http));
        return RoomView.of(details.room(), details.members());
    }

    @GetMapping("/rooms/{roomId}/consent-form")
    @Operation(summary = "The scanned written consent the room was applied with")
    public ResponseEntity<byte[]> consentForm(@PathVariable String roomId, HttpServletRequest http) {
        ScannedForm form = rooms.consentForm(id(roomId, "roomId"), requester(http));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(form.contentType())).body(form.content());
    }

    @PostMapping("/rooms/{roomId}/approve")
    @Operation(summary = "Support centre: approve an application; the room opens")
    public RoomView approve(@PathVariable String roomId, HttpServletRequest http) {
        return RoomView.of(rooms.decide(id(roomId, "roomId"), true, null, requester(http)), null);
    }

    @PostMapping("/rooms/{roomId}/reject")
    @Operation(summary = "Support centre: refuse an application, with a reason")
    public RoomView reject(@PathVariable String roomId, @RequestBody ReasonRequest request, HttpServletRequest http) {
        return RoomView.of(rooms.decide(id(roomId, "roomId"), false, request.reason(), requester(http)), null);
    }

    @PostMapping("/rooms/{roomId}/members")
    @Operation(summary = "Applicant or caretaker: add a member (staff of a participating facility, or family)")
    public ResponseEntity<MemberView> addMember(@PathVariable String roomId, @RequestBody MemberRequest request,
                                                HttpServletRequest http) {
        return ResponseEntity.status(201).body(MemberView.of(rooms.addMember(id(roomId, "roomId"),
                new RoomApplication.ProposedMember(request.personId(), request.facilityId()), requester(http))));
    }

    @DeleteMapping("/rooms/{roomId}/members/{personId}")
    @Operation(summary = "Applicant or caretaker: remove a member; their next request is refused")
    public MemberView removeMember(@PathVariable String roomId, @PathVariable String personId,
                                   @RequestParam(required = false) String reason, HttpServletRequest http) {
        return MemberView.of(rooms.removeMember(id(roomId, "roomId"), personId, reason, requester(http)));
    }

    @PostMapping("/rooms/{roomId}/close")
    @Operation(summary = "Applicant or caretaker: close the room (read-only from now on)")
    public RoomView close(@PathVariable String roomId, HttpServletRequest http) {
        return RoomView.of(rooms.close(id(roomId, "roomId"), requester(http)), null);
    }

    @PostMapping("/rooms/{roomId}/archive")
    @Operation(summary = "Support centre: archive a closed room")
    public RoomView archive(@PathVariable String roomId, HttpServletRequest http) {
        return RoomView.of(rooms.archive(id(roomId, "roomId"), requester(http)), null);
    }

    @GetMapping("/rooms/{roomId}/posts")
    @Operation(summary = "The timeline, newest first (family members: only posts shared with family)")
    public List<PostJson> timeline(@PathVariable String roomId,
                                   @Parameter(description = "only posts not yet opened by the requester")
                                   @RequestParam(defaultValue = "false") boolean unreadOnly,
                                   @Parameter(description = "only posts the requester pinned in this colour")
                                   @RequestParam(required = false) PinColour pin,
                                   @RequestParam(defaultValue = "50") int limit,
                                   @Parameter(description = "only posts written before this instant (ISO 8601):"
                                           + " the next page, from the last post's createdAt")
                                   @RequestParam(required = false) java.time.Instant before, HttpServletRequest http) {
        return posts.timeline(id(roomId, "roomId"), new TimelineFilter(unreadOnly, pin, limit, before), requester(http))
                .stream().map(PostJson::of).toList();
    }

    @PostMapping("/rooms/{roomId}/posts")
    @Operation(summary = "Write a post with structured entries and photos/PDF (EXIF stripped, checked by content)")
    public ResponseEntity<PostJson> post(@PathVariable String roomId, @RequestBody PostRequest request,
                                         HttpServletRequest http) {
        List<StructuredEntry> entries = request.entries() == null ? List.of()
                : request.entries().stream().map(e -> new StructuredEntry(e.category(), e.values())).toList();
        List<UploadPolicy.Upload> files = request.attachments() == null ? List.of()
                : request.attachments().stream().map(f -> new UploadPolicy.Upload(f.fileName(), f.content())).toList();
        PostJson post = PostJson.of(posts.create(id(roomId, "roomId"),
                new NewPost(request.title(), request.body(), entries, request.sharedWithFamily()), files, requester(http)));
        return ResponseEntity.created(URI.create("/api/care-net/rooms/" + roomId + "/posts/" + post.id())).body(post);
    }

    @GetMapping("/rooms/{roomId}/search")
    @Operation(summary = "Search the room's posts by free words (Japanese: found inside sentences), author,"
            + " profession and date range (dates in Japan time, both inclusive)")
    public List<PostJson> search(@PathVariable String roomId,
                                 @Parameter(description = "words separated by spaces; each must occur", example = "発赤")
                                 @RequestParam(required = false) String q,
                                 @RequestParam(required = false) String authorId,
                                 @Parameter(example = "VISITING_NURSE") @RequestParam(required = false) String profession,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                 @RequestParam(defaultValue = "50") int limit, HttpServletRequest http) {
        PostQuery query = new PostQuery(q, blank(authorId), blank(profession),
                from == null ? null : from.atStartOfDay(JAPAN).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(JAPAN).toInstant(), limit);
        return posts.search(id(roomId, "roomId"), query, requester(http)).stream().map(PostJson::of).toList();
    }

    @GetMapping("/mail-preference")
    @Operation(summary = "How often care-net mails the requester about unread posts")
    public MailPreferenceView mailPreference(HttpServletRequest http) {
        return new MailPreferenceView(mail.get(requester(http)));
    }

    @PutMapping("/mail-preference")
    @Operation(summary = "Choose how often care-net mails the requester: NEVER, HOURLY or DAILY (default)")
    public MailPreferenceView setMailPreference(@RequestBody MailPreferenceView request, HttpServletRequest http) {
        return new MailPreferenceView(mail.set(request.frequency(), requester(http)));
    }

    /** A person's mail frequency. */
    public record MailPreferenceView(MailFrequency frequency) {
    }

    @PostMapping("/rooms/{roomId}/conversations")
    @Operation(summary = "Start a direct-message conversation (特別便) with chosen members; only they see it")
    public ResponseEntity<Conversation> startConversation(@PathVariable String roomId,
                                                          @RequestBody ConversationRequest request,
                                                          HttpServletRequest http) {
        return ResponseEntity.status(201).body(conversations.start(id(roomId, "roomId"), request.subject(),
                request.memberIds(), request.body(), requester(http)));
    }

    @GetMapping("/rooms/{roomId}/conversations")
    @Operation(summary = "The requester's conversations in the room")
    public List<Conversation> myConversations(@PathVariable String roomId, HttpServletRequest http) {
        return conversations.mine(id(roomId, "roomId"), requester(http));
    }

    @GetMapping("/rooms/{roomId}/conversations/{conversationId}/messages")
    @Operation(summary = "A conversation's messages, oldest first (participants only)")
    public List<Message> messages(@PathVariable String roomId, @PathVariable String conversationId,
                                  HttpServletRequest http) {
        return conversations.messages(id(roomId, "roomId"), id(conversationId, "conversationId"), requester(http));
    }

    @PostMapping("/rooms/{roomId}/conversations/{conversationId}/messages")
    @Operation(summary = "Reply in a conversation (participants only)")
    public ResponseEntity<Message> reply(@PathVariable String roomId, @PathVariable String conversationId,
                                         @RequestBody CommentRequest request, HttpServletRequest http) {
        return ResponseEntity.status(201).body(conversations.reply(id(roomId, "roomId"),
                id(conversationId, "conversationId"), request.body(), requester(http)));
    }

    /** A new conversation: its subject, the chosen members and the first message. */
    public record ConversationRequest(String subject, List<String> memberIds, String body) {
    }

    @GetMapping("/rooms/{roomId}/posts/{postId}")
    @Operation(summary = "Open a post (records the requester's read receipt)")
    public PostJson open(@PathVariable String roomId, @PathVariable String postId, HttpServletRequest http) {
        return PostJson.of(posts.open(id(roomId, "roomId"), id(postId, "postId"), requester(http)));
    }

    @GetMapping("/rooms/{roomId}/posts/{postId}/receipts")
    @Operation(summary = "Who read the post and when")
    public List<ReadReceipt> receipts(@PathVariable String roomId, @PathVariable String postId,
                                      HttpServletRequest http) {
        return posts.receipts(id(roomId, "roomId"), id(postId, "postId"), requester(http));
    }

    @GetMapping("/rooms/{roomId}/posts/{postId}/comments")
    @Operation(summary = "The post's comments, oldest first")
    public List<Comment> comments(@PathVariable String roomId, @PathVariable String postId, HttpServletRequest http) {
        return posts.comments(id(roomId, "roomId"), id(postId, "postId"), requester(http));
    }

    @PostMapping("/rooms/{roomId}/posts/{postId}/comments")
    @Operation(summary = "Comment on a post")
    public ResponseEntity<Comment> comment(@PathVariable String roomId, @PathVariable String postId,
                                           @RequestBody CommentRequest request, HttpServletRequest http) {
        return ResponseEntity.status(201)
                .body(posts.comment(id(roomId, "roomId"), id(postId, "postId"), request.body(), requester(http)));
    }

    @PutMapping("/rooms/{roomId}/posts/{postId}/pin")
    @Operation(summary = "Pin the post in a colour (the requester's own pins)")
    public ResponseEntity<Void> pin(@PathVariable String roomId, @PathVariable String postId,
                                    @RequestBody PinRequest request, HttpServletRequest http) {
        if (request.colour() == null) {
            throw ApiException.invalid("colour", "ピンの色を選んでください: RED, YELLOW, GREEN, BLUE, PURPLE");
        }
        posts.pin(id(roomId, "roomId"), id(postId, "postId"), request.colour(), requester(http));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/rooms/{roomId}/posts/{postId}/pin")
    @Operation(summary = "Remove the requester's pin")
    public ResponseEntity<Void> unpin(@PathVariable String roomId, @PathVariable String postId,
                                      HttpServletRequest http) {
        posts.pin(id(roomId, "roomId"), id(postId, "postId"), null, requester(http));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/rooms/{roomId}/posts/{postId}/attachments/{attachmentId}")
    @Operation(summary = "A file of a post, as stored (photos without EXIF)")
    public ResponseEntity<byte[]> file(@PathVariable String roomId, @PathVariable String postId,
                                       @PathVariable String attachmentId, HttpServletRequest http) {
        return bytes(posts.file(id(roomId, "roomId"), id(postId, "postId"), id(attachmentId, "attachmentId"), false,
                requester(http)));
    }

    @GetMapping("/rooms/{roomId}/posts/{postId}/attachments/{attachmentId}/thumbnail")
    @Operation(summary = "A photo's JPEG thumbnail")
    public ResponseEntity<byte[]> thumbnail(@PathVariable String roomId, @PathVariable String postId,
                                            @PathVariable String attachmentId, HttpServletRequest http) {
        return bytes(posts.file(id(roomId, "roomId"), id(postId, "postId"), id(attachmentId, "attachmentId"), true,
                requester(http)));
    }

    private static ResponseEntity<byte[]> bytes(StoredBytes file) {
        // attachment + nosniff: a stored file is never rendered as the hub's own page
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.content());
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Requester requester(HttpServletRequest http) {
        return Requesters.current(http);
    }

    private static UUID id(String text, String field) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "'" + text + "' is not an ID");
        }
    }
}
