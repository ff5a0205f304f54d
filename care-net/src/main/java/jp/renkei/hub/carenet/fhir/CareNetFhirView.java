package jp.renkei.hub.carenet.fhir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.carenet.attachment.Attachment;
import jp.renkei.hub.carenet.attachment.AttachmentStore;
import jp.renkei.hub.carenet.message.Conversation;
import jp.renkei.hub.carenet.message.ConversationStore;
import jp.renkei.hub.carenet.message.Message;
import jp.renkei.hub.carenet.post.Comment;
import jp.renkei.hub.carenet.post.Post;
import jp.renkei.hub.carenet.post.PostStore;
import jp.renkei.hub.carenet.room.Member;
import jp.renkei.hub.carenet.room.NoLongerMember;
import jp.renkei.hub.carenet.room.Room;
import jp.renkei.hub.carenet.room.RoomAccess;
import jp.renkei.hub.carenet.room.RoomAccess.MemberInRoom;
import jp.renkei.hub.carenet.room.RoomStore;
import jp.renkei.hub.carenet.vital.VitalReading;
import jp.renkei.hub.carenet.vital.VitalReadings;
import jp.renkei.hub.carenet.vital.VitalSign;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What of a room a person may read as FHIR, decided by the same rules as the API: {@link RoomAccess} (current
 * members, acting for the facility they are in the room for), family members only posts shared with family
 * (and those posts' comments, files and vital signs), direct messages only their participants. Whatever may not
 * be seen is answered exactly like what does not exist: an empty {@code Optional} for a read, nothing for a
 * search. Every read and search is audited ({@code care-net fhir <type>}), refusals too.
 */
@Service
@Transactional(readOnly = true)
public class CareNetFhirView {

    /** The newest posts a room-wide search looks at. */
    static final int MAX_POSTS = 1000;

    private final CareNetFhirStore store;
    private final RoomStore rooms;
    private final RoomAccess access;
    private final PostStore posts;
    private final AttachmentStore attachments;
    private final ConversationStore conversations;
    private final CareNetAudit audit;

    public CareNetFhirView(CareNetFhirStore store, RoomStore rooms, RoomAccess access, PostStore posts,
                           AttachmentStore attachments, ConversationStore conversations, CareNetAudit audit) {
        this.store = store;
        this.rooms = rooms;
        this.access = access;
        this.posts = posts;
        this.attachments = attachments;
        this.conversations = conversations;
        this.audit = audit;
    }

    public Optional<CareTeam> careTeam(String id, Requester requester) {
        return member(uuid(id), requester, AuditAction.READ)
                .map(m -> read(requester, m, "CareTeam", id,
                        CareNetFhirMapper.careTeam(m.room(), rooms.members(m.room().id()))))
                .or(() -> missing(requester, "CareTeam", id));
    }

    /** The care teams of the requester's rooms (those they are in for the facility they act for, or as family). */
    public List<CareTeam> myCareTeams(Requester requester) {
        List<CareTeam> teams = new ArrayList<>();
        if (requester.kind() == HubPrincipal.Kind.PERSON) {
            for (Room room : rooms.ofMember(requester.id())) {
                Member member = rooms.currentMember(room.id(), requester.id()).orElse(null);
                if (member != null && (member.family() || member.facilityId().equals(requester.facilityId()))) {
                    teams.add(CareNetFhirMapper.careTeam(room, rooms.members(room.id())));
                }
            }
        }
        audit.record(requester, AuditAction.SEARCH, null, "fhir CareTeam", teams.size() + " own care teams listed");
        return teams;
    }

    public Optional<Communication> communication(String id, Requester requester) {
        UUID uuid = uuid(id);
        Optional<CareNetFhirStore.Location> post = Optional.ofNullable(uuid).flatMap(store::post);
        Optional<CareNetFhirStore.Location> comment = post.isPresent() ? Optional.empty()
                : Optional.ofNullable(uuid).flatMap(store::comment);
        Optional<CareNetFhirStore.Location> message = post.isPresent() || comment.isPresent() ? Optional.empty()
                : Optional.ofNullable(uuid).flatMap(store::message);
        Optional<Communication> found = Optional.empty();
        if (post.isPresent()) {
            found = visiblePost(post.get(), requester).map(v -> CareNetFhirMapper.post(v.member().room(), v.post(),
                    attachments.ofPosts(List.of(uuid)).getOrDefault(uuid, List.of())));
        } else if (comment.isPresent()) {
            found = visiblePost(comment.get(), requester).flatMap(v -> posts.comments(v.post().id()).stream()
                    .filter(c -> c.id().equals(uuid)).findFirst()
                    .map(c -> CareNetFhirMapper.comment(v.member().room(), c)));
        } else if (message.isPresent()) {
            found = directMessages(message.get().roomId(), message.get().parentId(), requester).stream()
                    .filter(c -> c.getIdPart().equals(uuid.toString())).findFirst();
        }
        UUID roomId = post.or(() -> comment).or(() -> message).map(CareNetFhirStore.Location::roomId).orElse(null);
        return found.map(c -> {
            audit.record(requester, AuditAction.READ, roomId, "fhir Communication", "Communication/" + id + " read");
            return c;
        }).or(() -> missing(requester, "Communication", id));
    }

    /** The room's posts, their comments and the requester's direct messages, oldest first. */
    public List<Communication> communicationsOfRoom(String roomId, Requester requester) {
        return member(uuid(roomId), requester, AuditAction.SEARCH).map(m -> {
            Room room = m.room();
            List<Post> visible = posts.newest(room.id(), m.family(), null, MAX_POSTS);
            List<UUID> ids = visible.stream().map(Post::id).toList();
            Map<UUID, List<Attachment>> files = attachments.ofPosts(ids);
            List<Communication> found = new ArrayList<>();
            visible.forEach(p -> found.add(CareNetFhirMapper.post(room, p, files.getOrDefault(p.id(), List.of()))));
            store.commentsOn(ids).forEach(c -> found.add(CareNetFhirMapper.comment(room, c)));
            for (Conversation conversation : conversations.ofRoom(room.id(), requester.id())) {
                found.addAll(messages(room, conversation));
            }
            found.sort(Comparator.comparing(Communication::getSent));
            return searched(requester, room.id(), "Communication", found);
        }).orElse(List.of());
    }

    /** The comments on a post ({@code Communication?part-of=Communication/<post>}). */
    public List<Communication> commentsOf(String postId, Requester requester) {
        UUID uuid = uuid(postId);
        return Optional.ofNullable(uuid).flatMap(store::post).flatMap(l -> visiblePost(l, requester))
                .map(v -> searched(requester, v.member().room().id(), "Communication", posts.comments(uuid).stream()
                        .map(c -> CareNetFhirMapper.comment(v.member().room(), c)).toList()))
                .orElse(List.of());
    }

    /** The room's vital signs as Observations, oldest first; only those of one LOINC code when it is given. */
    public List<Observation> observationsOfRoom(String roomId, String loincCode, Requester requester) {
        return member(uuid(roomId), requester, AuditAction.SEARCH).map(m -> {
            List<Observation> found = new ArrayList<>();
            for (Post post : posts.newest(m.room().id(), m.family(), VitalSign.CATEGORY, MAX_POSTS)) {
                found.addAll(observations(m.room(), post));
            }
            if (loincCode != null) {
                found.removeIf(o -> o.getCode().getCoding().stream().noneMatch(c -> loincCode.equals(c.getCode())));
            }
            return searched(requester, m.room().id(), "Observation", found);
        }).orElse(List.of());
    }

    public Optional<Observation> observation(String id, Requester requester) {
        UUID postId = id != null && id.length() > 37 ? uuid(id.substring(0, 36)) : null;
        return Optional.ofNullable(postId).flatMap(store::post).flatMap(l -> visiblePost(l, requester))
                .flatMap(v -> observations(v.member().room(), v.post()).stream()
                        .filter(o -> o.getIdPart().equals(id)).findFirst()
                        .map(o -> read(requester, v.member(), "Observation", id, o)))
                .or(() -> missing(requester, "Observation", id));
    }

    public List<DocumentReference> documentsOfRoom(String roomId, Requester requester) {
        return member(uuid(roomId), requester, AuditAction.SEARCH).map(m -> {
            List<Post> visible = posts.newest(m.room().id(), m.family(), null, MAX_POSTS);
            Map<UUID, List<Attachment>> files = attachments.ofPosts(visible.stream().map(Post::id).toList());
            List<DocumentReference> found = new ArrayList<>();
            for (Post post : visible) {
                files.getOrDefault(post.id(), List.of())
                        .forEach(f -> found.add(CareNetFhirMapper.documentReference(m.room(), post, f)));
            }
            return searched(requester, m.room().id(), "DocumentReference", found);
        }).orElse(List.of());
    }

    public Optional<DocumentReference> documentReference(String id, Requester requester) {
        UUID uuid = uuid(id);
        return Optional.ofNullable(uuid).flatMap(store::attachment).flatMap(l -> visiblePost(l, requester))
                .flatMap(v -> attachments.ofPosts(List.of(v.post().id())).getOrDefault(v.post().id(), List.of())
                        .stream().filter(f -> f.id().equals(uuid)).findFirst()
                        .map(f -> read(requester, v.member(), "DocumentReference", id,
                                CareNetFhirMapper.documentReference(v.member().room(), v.post(), f))))
                .or(() -> missing(requester, "DocumentReference", id));
    }

    public Optional<Binary> binary(String id, Requester requester) {
        UUID uuid = uuid(id);
        return Optional.ofNullable(uuid).flatMap(store::attachment).flatMap(l -> visiblePost(l, requester))
                .flatMap(v -> attachments.content(v.post().id(), uuid, false)
                        .map(bytes -> read(requester, v.member(), "Binary", id, CareNetFhirMapper.binary(uuid, bytes))))
                .or(() -> missing(requester, "Binary", id));
    }

    private record VisiblePost(MemberInRoom member, Post post) {
    }

    /** The post at the location if the requester may see it: a member, and for family a shared post. */
    private Optional<VisiblePost> visiblePost(CareNetFhirStore.Location location, Requester requester) {
        return member(location.roomId(), requester, AuditAction.READ).flatMap(m -> {
            Post post = posts.find(m.room().id(), location.parentId()).orElse(null);
            if (post != null && m.family() && !post.sharedWithFamily()) {
                audit.refused(requester, AuditAction.READ, m.room().id(), "fhir", "family member asked for post "
                        + post.id() + " (or what belongs to it), which is not shared with family");
                return Optional.empty();
            }
            return Optional.ofNullable(post).map(p -> new VisiblePost(m, p));
        });
    }

    private List<Communication> directMessages(UUID roomId, UUID conversationId, Requester requester) {
        return member(roomId, requester, AuditAction.READ).flatMap(m -> conversations
                        .findFor(roomId, conversationId, requester.id()).map(c -> messages(m.room(), c)))
                .orElseGet(() -> {
                    audit.refused(requester, AuditAction.READ, roomId, "fhir Communication",
                            "not a participant of conversation " + conversationId + " (or not a member)");
                    return List.of();
                });
    }

    private List<Communication> messages(Room room, Conversation conversation) {
        List<Communication> found = new ArrayList<>();
        Message previous = null;
        for (Message message : conversations.messages(conversation.id())) {
            found.add(CareNetFhirMapper.message(room, conversation, message, previous));
            previous = message;
        }
        return found;
    }

    /** A post's vital signs as Observations: one per sign, blood pressure (systolic, diastolic) as one. */
    private static List<Observation> observations(Room room, Post post) {
        Map<String, List<VitalReading>> bySign = new LinkedHashMap<>();
        for (VitalReading reading : VitalReadings.of(List.of(post))) {
            bySign.computeIfAbsent(CareNetFhirMapper.observationId(post.id(), reading.sign()), k -> new ArrayList<>())
                    .add(reading);
        }
        return bySign.values().stream().map(r -> CareNetFhirMapper.observation(room, post, r)).toList();
    }

    /**
     * The requester's membership of the room, or empty (refusals audited by RoomAccess) like an absent room.
     * A removed member gets the same empty answer here: the FHIR view has one rule for everyone not a current
     * member (404 for a read, an empty search), while the REST API and the portal tell them why (403).
     */
    private Optional<MemberInRoom> member(UUID roomId, Requester requester, AuditAction action) {
        if (roomId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(access.require(roomId, requester, action));
        } catch (ApiException e) {
            if (e.status() != HttpStatus.NOT_FOUND) {
                throw e;
            }
            return Optional.empty();
        } catch (NoLongerMember e) {
            return Optional.empty();
        }
    }

    private <R extends Resource> R read(Requester requester, MemberInRoom member, String type, String id, R resource) {
        audit.record(requester, AuditAction.READ, member.room().id(), "fhir " + type, type + "/" + id + " read");
        return resource;
    }

    private <R extends Resource> List<R> searched(Requester requester, UUID roomId, String type, List<R> found) {
        audit.record(requester, AuditAction.SEARCH, roomId, "fhir " + type, found.size() + " " + type + " listed");
        return found;
    }

    /** A read of something absent or hidden: recorded as refused, answered as absent. */
    private <R> Optional<R> missing(Requester requester, String type, String id) {
        audit.refused(requester, AuditAction.READ, null, "fhir " + type, type + "/" + id
                + " not found or not visible to the requester");
        return Optional.empty();
    }

    static UUID uuid(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

}
