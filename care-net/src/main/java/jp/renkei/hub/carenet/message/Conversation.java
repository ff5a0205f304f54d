package jp.renkei.hub.carenet.message;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A direct-message conversation (特別便) among chosen members of a room. */
public record Conversation(UUID id, UUID roomId, String subject, String createdBy, Instant createdAt,
                           List<Participant> participants) {

    public Conversation {
        participants = List.copyOf(participants);
    }

    public record Participant(String personId, String displayName) {
    }
}
