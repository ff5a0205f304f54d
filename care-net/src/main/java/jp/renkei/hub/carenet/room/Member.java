package jp.renkei.hub.carenet.room;

import java.time.Instant;
import java.util.UUID;

/**
 * A person's membership of a room. A removed membership is kept (removedAt) as the log of staff changes.
 *
 * @param facilityId the facility the staff member works for in this room; {@code null} for family
 * @param proposed   named in the application rather than added later
 */
public record Member(UUID id, UUID roomId, String personId, String displayName, String profession,
                     String facilityId, MemberKind kind, boolean proposed, Instant addedAt, String addedBy,
                     Instant removedAt, String removedBy, String removalReason) {

    public boolean current() {
        return removedAt == null;
    }

    public boolean family() {
        return kind == MemberKind.FAMILY;
    }
}
