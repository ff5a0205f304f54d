package jp.renkei.hub.carenet.post;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.renkei.hub.carenet.room.Room;

/**
 * A page of the timeline as the member opened it: the room, the posts (already counted as read by this member),
 * which of them were unread before it was opened, and who read each one and when.
 */
public record TimelinePage(Room room, List<PostView> posts, Set<UUID> wereUnread, Map<UUID, List<ReadReceipt>> readers) {

    public TimelinePage {
        posts = List.copyOf(posts);
        wereUnread = Set.copyOf(wereUnread);
        readers = Map.copyOf(readers);
    }
}
