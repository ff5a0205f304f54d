package jp.renkei.hub.carenet.post;

import java.time.Instant;
import java.util.UUID;

/** Published when a post is written, for the mail notifier (which reads no content). */
public record PostWritten(UUID roomId, UUID postId, String authorId, boolean sharedWithFamily, Instant at) {
}
