package jp.renkei.hub.carenet.room;

import java.util.UUID;

/**
 * The requester was a member of the room and has been removed from it. Unlike an outsider they know the room
 * exists, so they are told why they are refused (403 at the edges) — and nothing more: no content, no members.
 * Not an {@code ApiException}, so no page or view mistakes it for an absent room on the way out.
 */
public class NoLongerMember extends RuntimeException {

    public static final String MESSAGE = "You are no longer a member of this room";

    private final UUID roomId;

    public NoLongerMember(UUID roomId) {
        super(MESSAGE);
        this.roomId = roomId;
    }

    public UUID roomId() {
        return roomId;
    }
}
