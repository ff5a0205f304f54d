package jp.renkei.hub.carenet.message;

import java.time.Instant;
import java.util.UUID;

/** One message of a conversation. */
public record Message(UUID id, UUID conversationId, String authorId, String authorName, String body,
                      Instant createdAt) {
}
