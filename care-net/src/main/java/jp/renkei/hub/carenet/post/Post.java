package jp.renkei.hub.carenet.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jp.renkei.hub.carenet.template.RecordedEntry;

/** A post of a room's timeline: title, free text and the structured entries that were filled in. */
public record Post(UUID id, UUID roomId, String authorId, String authorName, String authorProfession, String title,
                   String body, List<RecordedEntry> entries, boolean sharedWithFamily, Instant createdAt) {

    public Post {
        entries = List.copyOf(entries);
    }
}
