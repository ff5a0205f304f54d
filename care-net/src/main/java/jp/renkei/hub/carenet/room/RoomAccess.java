package jp.renkei.hub.carenet.room;

import java.util.UUID;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.stereotype.Component;

/**
 * The one check behind every room read and write: the requester is a person who is a current member of the
 * room, and a staff member acts for the facility they are in the room for. A person removed from the room (and
 * not added again) is told so: {@link NoLongerMember}, 403 at the edges, naming nothing of the room. Anyone
 * else gets exactly the answer of a room that does not exist (404), so room IDs reveal nothing. Every refusal is
 * audited with its reason. Checked at every request against the database, so a removed member loses access at
 * once and a member added again has it back at once.
 */
@Component
public class RoomAccess {

    private final RoomStore rooms;
    private final CareNetAudit audit;

    public RoomAccess(RoomStore rooms, CareNetAudit audit) {
        this.rooms = rooms;
        this.audit = audit;
    }

    /** The room and the requester's membership; {@link NoLongerMember} for a removed member, else 404. */
    public MemberInRoom require(UUID roomId, Requester requester, AuditAction attempted) {
        Room room = rooms.find(roomId).orElseThrow(() -> notFound(roomId));
        boolean person = requester.kind() == HubPrincipal.Kind.PERSON;
        Member member = person ? rooms.currentMember(roomId, requester.id()).orElse(null) : null;
        if (member == null) {
            Member removed = person ? rooms.lastRemovedMember(roomId, requester.id()).orElse(null) : null;
            if (removed != null) {
                audit.refused(requester, attempted, roomId, "room", "removed from the room at " + removed.removedAt()
                        + " by " + removed.removedBy());
                throw new NoLongerMember(roomId);
            }
            audit.refused(requester, attempted, roomId, "room", "not a current member of the room");
            throw notFound(roomId);
        }
        if (!member.family() && !member.facilityId().equals(requester.facilityId())) {
            audit.refused(requester, attempted, roomId, "room",
                    "member for facility " + member.facilityId() + ", acting for " + requester.facilityId());
            throw notFound(roomId);
        }
        return new MemberInRoom(room, member);
    }

    /** As {@link #require}, for writing: the room must be OPEN. */
    public MemberInRoom requireWritable(UUID roomId, Requester requester, AuditAction attempted) {
        MemberInRoom access = require(roomId, requester, attempted);
        if (access.room().status() != RoomStatus.OPEN) {
            throw ApiException.conflict("この部屋は " + label(access.room().status()) + " のため書き込めません");
        }
        return access;
    }

    public static ApiException notFound(UUID roomId) {
        return ApiException.notFound("care-net room " + roomId);
    }

    public static String label(RoomStatus status) {
        return switch (status) {
            case APPLIED -> "申請中（支援センターの承認待ち）";
            case OPEN -> "開設中";
            case REJECTED -> "却下";
            case CLOSED -> "閉鎖済み";
            case ARCHIVED -> "保管済み";
        };
    }

    /** A room with the requester's membership of it. */
    public record MemberInRoom(Room room, Member member) {

        public boolean family() {
            return member.family();
        }
    }
}
