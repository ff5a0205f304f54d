package jp.renkei.hub.carenet.message;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.carenet.room.Member;
import jp.renkei.hub.carenet.room.RoomAccess;
import jp.renkei.hub.carenet.room.RoomAccess.MemberInRoom;
import jp.renkei.hub.carenet.room.RoomStore;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Direct messages (特別便): a conversation among members a member chooses, seen only by them — every other
 * member gets the 404 of a conversation that does not exist. Room membership is checked first, so a participant
 * removed from the room loses the conversation too.
 */
@Service
@Transactional
public class Conversations {

    private static final int SUBJECT_MAX = 200;
    private static final int BODY_MAX = 10_000;

    private final ConversationStore store;
    private final RoomStore rooms;
    private final RoomAccess access;
    private final CareNetAudit audit;
    private final Clock clock;

    public Conversations(ConversationStore store, RoomStore rooms, RoomAccess access, CareNetAudit audit,
                         Clock clock) {
        this.store = store;
        this.rooms = rooms;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** Starts a conversation with the chosen current members of the room (the requester takes part). */
    public Conversation start(UUID roomId, String subject, List<String> memberIds, String firstMessage,
                              Requester requester) {
        MemberInRoom me = access.requireWritable(roomId, requester, AuditAction.CREATE);
        String title = text(subject, "subject", "件名", SUBJECT_MAX);
        String body = text(firstMessage, "body", "本文", BODY_MAX);
        List<Member> current = rooms.currentMembers(roomId);
        Set<String> chosen = new LinkedHashSet<>(memberIds == null ? List.of() : memberIds);
        chosen.remove(requester.id());
        if (chosen.isEmpty()) {
            throw ApiException.invalid("memberIds", "相手（この部屋のメンバー）を 1 人以上選んでください");
        }
        List<Conversation.Participant> participants = new ArrayList<>();
        participants.add(new Conversation.Participant(me.member().personId(), me.member().displayName()));
        for (String id : chosen) {
            Member member = current.stream().filter(m -> m.personId().equals(id)).findFirst()
                    .orElseThrow(() -> ApiException.invalid("memberIds", id + " はこの部屋のメンバーではありません"));
            participants.add(new Conversation.Participant(member.personId(), member.displayName()));
        }
        Instant now = now();
        Conversation conversation = new Conversation(UUID.randomUUID(), roomId, title, requester.id(), now, participants);
        store.insert(conversation);
        store.insertMessage(new Message(UUID.randomUUID(), conversation.id(), requester.id(),
                me.member().displayName(), body, now));
        rooms.touch(roomId, now);
        audit.record(requester, AuditAction.CREATE, roomId, "conversation", "conversation " + conversation.id()
                + " started with " + participants.size() + " participants");
        return conversation;
    }

    @Transactional(readOnly = true)
    public List<Conversation> mine(UUID roomId, Requester requester) {
        access.require(roomId, requester, AuditAction.SEARCH);
        List<Conversation> conversations = store.ofRoom(roomId, requester.id());
        audit.record(requester, AuditAction.SEARCH, roomId, "conversations", conversations.size()
                + " conversations listed");
        return conversations;
    }

    @Transactional(readOnly = true)
    public List<Message> messages(UUID roomId, UUID conversationId, Requester requester) {
        access.require(roomId, requester, AuditAction.READ);
        Conversation conversation = participating(roomId, conversationId, requester, AuditAction.READ);
        audit.record(requester, AuditAction.READ, roomId, "conversation", "conversation " + conversation.id() + " read");
        return store.messages(conversationId);
    }

    public Message reply(UUID roomId, UUID conversationId, String text, Requester requester) {
        MemberInRoom me = access.requireWritable(roomId, requester, AuditAction.CREATE);
        participating(roomId, conversationId, requester, AuditAction.CREATE);
        Message message = new Message(UUID.randomUUID(), conversationId, requester.id(), me.member().displayName(),
                text(text, "body", "本文", BODY_MAX), now());
        store.insertMessage(message);
        rooms.touch(roomId, message.createdAt());
        audit.record(requester, AuditAction.CREATE, roomId, "conversation", "message " + message.id()
                + " in conversation " + conversationId);
        return message;
    }

    private Conversation participating(UUID roomId, UUID conversationId, Requester requester, AuditAction action) {
        return store.findFor(roomId, conversationId, requester.id()).orElseThrow(() -> {
            audit.refused(requester, action, roomId, "conversation", "not a participant of conversation "
                    + conversationId + " (or it does not exist)");
            return ApiException.notFound("conversation " + conversationId);
        });
    }

    private static String text(String text, String field, String label, int max) {
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
