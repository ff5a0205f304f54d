package jp.renkei.hub.carenet.post;

import java.time.Instant;

/** Who read a post and when they first opened it. */
public record ReadReceipt(String personId, String displayName, Instant readAt) {
}
