package jp.renkei.hub.carenet.message;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conversations, their participants and messages in {@code hub.care_conversation*} and {@code hub.care_message}. */
@Repository
public class ConversationStore {

    private final JdbcClient jdbc;

    public ConversationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Conversation conversation) {
        jdbc.sql("INSERT INTO hub.care_conversation (id, room_id, subject, created_by, created_at)"
                        + " VALUES (:id, :room, :subject, :by, :at)")
                .param("id", conversation.id()).param("room", conversation.roomId())
                .param("subject", conversation.subject()).param("by", conversation.createdBy())
                .param("at", Timestamp.from(conversation.createdAt())).update();
        for (Conversation.Participant p : conversation.participants()) {
            jdbc.sql("INSERT INTO hub.care_conversation_participant (conversation_id, person_id, display_name)"
                            + " VALUES (:id, :person, :name)")
                    .param("id", conversation.id()).param("person", p.personId()).param("name", p.displayName())
                    .update();
        }
    }

    /** The conversation of the room, if the person takes part in it. */
    public Optional<Conversation> findFor(UUID roomId, UUID conversationId, String personId) {
        return ofRoom(roomId, personId).stream().filter(c -> c.id().equals(conversationId)).findFirst();
    }

    /** The room's conversations the person takes part in, newest first. */
    public List<Conversation> ofRoom(UUID roomId, String personId) {
        record Row(UUID id, String subject, String by, java.time.Instant at) {
        }
        return jdbc.sql("SELECT c.id, c.subject, c.created_by, c.created_at FROM hub.care_conversation c"
                        + " WHERE c.room_id = :room AND EXISTS (SELECT 1 FROM hub.care_conversation_participant p"
                        + " WHERE p.conversation_id = c.id AND p.person_id = :person) ORDER BY c.created_at DESC")
                .param("room", roomId).param("person", personId)
                .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list().stream()
                .map(r -> new Conversation(r.id(), roomId, r.subject(), r.by(), r.at(), participants(r.id())))
                .toList();
    }

    public void insertMessage(Message message) {
        jdbc.sql("INSERT INTO hub.care_message (id, conversation_id, author_id, author_name, body, created_at)"
                        + " VALUES (:id, :conversation, :author, :name, :body, :at)")
                .param("id", message.id()).param("conversation", message.conversationId())
                .param("author", message.authorId()).param("name", message.authorName()).param("body", message.body())
                .param("at", Timestamp.from(message.createdAt())).update();
    }

    public List<Message> messages(UUID conversationId) {
        return jdbc.sql("SELECT id, conversation_id, author_id, author_name, body, created_at FROM hub.care_message"
                        + " WHERE conversation_id = :id ORDER BY created_at, id")
                .param("id", conversationId)
                .query((rs, i) -> new Message(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    private List<Conversation.Participant> participants(UUID conversationId) {
        return jdbc.sql("SELECT person_id, display_name FROM hub.care_conversation_participant"
                        + " WHERE conversation_id = :id ORDER BY display_name")
                .param("id", conversationId)
                .query((rs, i) -> new Conversation.Participant(rs.getString(1), rs.getString(2))).list();
    }
}
