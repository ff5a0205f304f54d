package jp.renkei.hub.carenet.post;

import java.time.Instant;
import java.util.UUID;

/** A comment on a post. */
public record Comment(UUID id, UUID postId, String authorId, String authorName, String body, Instant createdAt) {
}
