package jp.renkei.hub.carenet.post;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.carenet.attachment.Attachment;
import jp.renkei.hub.carenet.attachment.AttachmentStore;
import jp.renkei.hub.carenet.attachment.AttachmentStore.StoredBytes;
import jp.renkei.hub.carenet.attachment.HeifConverter;
import jp.renkei.hub.carenet.attachment.SanitisedFile;
import jp.renkei.hub.carenet.attachment.UploadPolicy;
import jp.renkei.hub.carenet.room.Member;
import jp.renkei.hub.carenet.room.RoomAccess;
import jp.renkei.hub.carenet.room.RoomAccess.MemberInRoom;
import jp.renkei.hub.carenet.room.RoomStore;
import jp.renkei.hub.carenet.template.EntryValidator;
import jp.renkei.hub.carenet.template.RecordedEntry;
import jp.renkei.hub.carenet.template.TemplateCatalog;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing and reading a room's posts for its members. Family members see only posts shared with family: any
 * other post answers 404, exactly like a post that does not exist. Opening a post records its read receipt.
 */
@Service
@Transactional
public class Posts {

    private static final int TITLE_MAX = 200;
    private static final int BODY_MAX = 10_000;

    private final PostStore store;
    private final RoomStore rooms;
    private final RoomAccess access;
    private final AttachmentStore attachments;
    private final TemplateCatalog templates;
    private final CareNetAudit audit;
    private final HeifConverter heif;
    private final Clock clock;

    public Posts(PostStore store, RoomStore rooms, RoomAccess access, AttachmentStore attachments,
                 TemplateCatalog templates, CareNetAudit audit, HeifConverter heif, Clock clock) {
        this.store = store;
        this.rooms = rooms;
        this.access = access;
        this.attachments = attachments;
        this.templates = templates;
        this.audit = audit;
        this.heif = heif;
        this.clock = clock;
    }

    /** Posts to an OPEN room. A family member's posts are always shared with family (they wrote them). */
    public PostView create(UUID roomId, NewPost draft, List<UploadPolicy.Upload> uploads, Requester requester) {
        MemberInRoom member = access.requireWritable(roomId, requester, AuditAction.CREATE);
        String title = required(draft.title(), "title", "件名", TITLE_MAX);
        String body = draft.body() == null ? "" : draft.body().strip();
        if (body.length() > BODY_MAX) {
            throw ApiException.invalid("body", "本文は " + BODY_MAX + " 文字までです（" + body.length() + " 文字）");
        }
        List<RecordedEntry> entries = EntryValidator.validate(draft.entries(), templates.templates());
        List<SanitisedFile> files = UploadPolicy.sanitise(uploads == null ? List.of() : uploads, heif);
        return write(member, title, body, entries, files, draft.sharedWithFamily(), requester);
    }

    /**
     * Posts a file the hub made itself (a document's PDF) without structured entries: it is not an upload, so
     * the upload checks (made for files from outside) do not apply. Never shared with family.
     */
    public PostView createWithGeneratedFile(UUID roomId, String title, String body, SanitisedFile file,
                                            Requester requester) {
        MemberInRoom member = access.requireWritable(roomId, requester, AuditAction.CREATE);
        return write(member, required(title, "title", "件名", TITLE_MAX), body, List.of(), List.of(file), false,
                requester);
    }

    private PostView write(MemberInRoom member, String title, String body, List<RecordedEntry> entries,
                           List<SanitisedFile> files, boolean sharedWithFamily, Requester requester) {
        UUID roomId = member.room().id();
        Instant now = now();
        Member author = member.member();
        Post post = new Post(UUID.randomUUID(), roomId, author.personId(), author.displayName(), author.profession(),
                title, body, entries, sharedWithFamily || member.family(), now);
        store.insert(post);
        files.forEach(f -> attachments.insert(post.id(), f, now));
        rooms.touch(roomId, now);
        audit.record(requester, AuditAction.CREATE, roomId, "post", "post " + post.id() + " written with "
                + entries.size() + " structured entries and " + files.size() + " files"
                + (post.sharedWithFamily() ? ", shared with family" : ""));
        return views(List.of(post), member).get(0);
    }

    /** The timeline, newest first, as the member may see it and filtered as asked. */
    @Transactional(readOnly = true)
    public List<PostView> timeline(UUID roomId, TimelineFilter filter, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.SEARCH);
        List<Post> posts = store.timeline(roomId, requester.id(), member.family(), filter);
        audit.record(requester, AuditAction.SEARCH, roomId, "timeline", posts.size() + " posts listed"
                + (filter.unreadOnly() ? ", unread only" : "") + (filter.pin() == null ? "" : ", pin " + filter.pin()));
        return views(posts, member);
    }

    /**
     * Opens a page of the timeline, as the portal's room page does: every post on it that the member had not read
     * is counted as read now (one audit record for the page, not one per post), and each post comes with who read
     * it and when.
     */
    public TimelinePage openTimeline(UUID roomId, TimelineFilter filter, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.READ);
        List<Post> posts = store.timeline(roomId, requester.id(), member.family(), filter);
        String me = member.member().personId();
        List<UUID> ids = posts.stream().map(Post::id).toList();
        Map<UUID, Map<String, Instant>> before = store.readers(ids);
        Set<UUID> unread = posts.stream()
                .filter(p -> !p.authorId().equals(me) && !before.getOrDefault(p.id(), Map.of()).containsKey(me))
                .map(Post::id).collect(Collectors.toSet());
        unread.forEach(id -> store.markRead(id, me, now()));
        audit.record(requester, AuditAction.READ, roomId, "timeline", posts.size() + " posts listed, "
                + unread.size() + " of them read for the first time"
                + (filter.unreadOnly() ? ", unread only" : "") + (filter.pin() == null ? "" : ", pin " + filter.pin()));
        Map<UUID, Map<String, Instant>> readers = unread.isEmpty() ? before : store.readers(ids);
        List<Member> current = rooms.currentMembers(roomId);
        Map<UUID, List<ReadReceipt>> receipts = new HashMap<>();
        posts.forEach(p -> receipts.put(p.id(), receipts(p, current, readers.getOrDefault(p.id(), Map.of()))));
        return new TimelinePage(member.room(), views(posts, member, readers, current), unread, receipts);
    }

    /** Searches the room's posts the member may see (family: shared ones only). */
    @Transactional(readOnly = true)
    public List<PostView> search(UUID roomId, PostQuery query, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.SEARCH);
        List<Post> posts = store.search(roomId, member.family(), query);
        // the words themselves are not recorded: they may be patient details
        audit.record(requester, AuditAction.SEARCH, roomId, "search", posts.size() + " posts found by "
                + query.words().size() + " words" + (query.authorId() == null ? "" : ", author")
                + (query.profession() == null ? "" : ", profession " + query.profession())
                + (query.from() == null && query.to() == null ? "" : ", date range"));
        return views(posts, member);
    }

    /** Opens a post: records the member's read receipt (first read only). */
    public PostView open(UUID roomId, UUID postId, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.READ);
        Post post = visible(member, postId, requester);
        store.markRead(postId, requester.id(), now());
        audit.record(requester, AuditAction.READ, roomId, "post", "post " + postId + " read");
        return views(List.of(post), member).get(0);
    }

    /** Who of the members that can see the post has read it, and when. */
    @Transactional(readOnly = true)
    public List<ReadReceipt> receipts(UUID roomId, UUID postId, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.READ);
        Post post = visible(member, postId, requester);
        Map<String, Instant> readers = store.readers(List.of(postId)).getOrDefault(postId, Map.of());
        audit.record(requester, AuditAction.READ, roomId, "read receipts", "read receipts of post " + postId + " read");
        return receipts(post, rooms.currentMembers(roomId), readers);
    }

    /**
     * The members who can see the post and have not read it yet (its author not counted), for the receipts
     * detail beside {@link #receipts}.
     */
    @Transactional(readOnly = true)
    public List<Member> notYetRead(UUID roomId, UUID postId, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.READ);
        Post post = visible(member, postId, requester);
        Map<String, Instant> readers = store.readers(List.of(postId)).getOrDefault(postId, Map.of());
        return audience(post, rooms.currentMembers(roomId)).stream()
                .filter(m -> !readers.containsKey(m.personId())).toList();
    }

    private static List<ReadReceipt> receipts(Post post, List<Member> current, Map<String, Instant> readers) {
        return audience(post, current).stream()
                .filter(m -> readers.containsKey(m.personId()))
                .map(m -> new ReadReceipt(m.personId(), m.displayName(), readers.get(m.personId())))
                .sorted(Comparator.comparing(ReadReceipt::readAt))
                .toList();
    }

    public Comment comment(UUID roomId, UUID postId, String text, Requester requester) {
        MemberInRoom member = access.requireWritable(roomId, requester, AuditAction.CREATE);
        visible(member, postId, requester);
        Comment comment = new Comment(UUID.randomUUID(), postId, requester.id(), member.member().displayName(),
                required(text, "body", "コメント", BODY_MAX), now());
        store.insertComment(comment);
        rooms.touch(roomId, comment.createdAt());
        audit.record(requester, AuditAction.CREATE, roomId, "comment", "comment " + comment.id() + " on post " + postId);
        return comment;
    }

    @Transactional(readOnly = true)
    public List<Comment> comments(UUID roomId, UUID postId, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.READ);
        visible(member, postId, requester);
        audit.record(requester, AuditAction.READ, roomId, "comments", "comments of post " + postId + " read");
        return store.comments(postId);
    }

    /** Pins the post for the requester (one colour per person and post; pinning again changes it). */
    public void pin(UUID roomId, UUID postId, PinColour colour, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.UPDATE);
        visible(member, postId, requester);
        if (colour == null) {
            store.unpin(postId, requester.id());
        } else {
            store.pin(postId, requester.id(), colour, now());
        }
        audit.record(requester, AuditAction.UPDATE, roomId, "pin", "post " + postId
                + (colour == null ? " unpinned" : " pinned " + colour));
    }

    /** A file of a post (or its thumbnail), for members who can see the post. */
    @Transactional(readOnly = true)
    public StoredBytes file(UUID roomId, UUID postId, UUID attachmentId, boolean thumbnail, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.READ);
        visible(member, postId, requester);
        StoredBytes bytes = attachments.content(postId, attachmentId, thumbnail)
                .orElseThrow(() -> ApiException.notFound("attachment " + attachmentId));
        audit.record(requester, AuditAction.READ, roomId, "attachment", (thumbnail ? "thumbnail of " : "")
                + "attachment " + attachmentId + " of post " + postId + " read");
        return bytes;
    }

    private Post visible(MemberInRoom member, UUID postId, Requester requester) {
        Post post = store.find(member.room().id(), postId).orElse(null);
        if (post == null || member.family() && !post.sharedWithFamily()) {
            if (post != null) {
                audit.refused(requester, AuditAction.READ, member.room().id(), "post",
                        "family member asked for post " + postId + ", which is not shared with family");
            }
            throw ApiException.notFound("post " + postId);
        }
        return post;
    }

    private List<PostView> views(List<Post> posts, MemberInRoom member) {
        List<UUID> ids = posts.stream().map(Post::id).toList();
        return views(posts, member, store.readers(ids), rooms.currentMembers(member.room().id()));
    }

    private List<PostView> views(List<Post> posts, MemberInRoom member, Map<UUID, Map<String, Instant>> readers,
                                 List<Member> current) {
        List<UUID> ids = posts.stream().map(Post::id).toList();
        Map<UUID, PinColour> pins = store.pins(ids, member.member().personId());
        Map<UUID, Integer> comments = store.commentCounts(ids);
        Map<UUID, List<Attachment>> files = attachments.ofPosts(ids);
        String me = member.member().personId();
        return posts.stream().map(p -> {
            List<Member> audience = audience(p, current);
            Map<String, Instant> read = readers.getOrDefault(p.id(), Map.of());
            int readCount = (int) audience.stream().filter(m -> read.containsKey(m.personId())).count();
            boolean unread = !p.authorId().equals(me) && !read.containsKey(me);
            return new PostView(p, files.getOrDefault(p.id(), List.of()), comments.getOrDefault(p.id(), 0), readCount,
                    audience.size(), unread, pins.get(p.id()));
        }).toList();
    }

    /** The current members who can see the post, its author not counted. */
    private static List<Member> audience(Post post, List<Member> current) {
        return current.stream()
                .filter(m -> !m.personId().equals(post.authorId()))
                .filter(m -> !m.family() || post.sharedWithFamily())
                .toList();
    }

    private static String required(String text, String field, String label, int max) {
        if (text == null || text.isBlank()) {
            throw ApiException.invalid(field, label + "を入力してください");
        }
        String stripped = text.strip();
        if (stripped.length() > max) {
            throw ApiException.invalid(field, label + "は " + max + " 文字までです（" + stripped.length() + " 文字）");
        }
        return stripped;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
