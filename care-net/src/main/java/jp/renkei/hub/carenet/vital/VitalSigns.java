package jp.renkei.hub.carenet.vital;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.carenet.post.Post;
import jp.renkei.hub.carenet.post.PostStore;
import jp.renkei.hub.carenet.room.Member;
import jp.renkei.hub.carenet.room.Room;
import jp.renkei.hub.carenet.room.RoomAccess;
import jp.renkei.hub.carenet.room.RoomAccess.MemberInRoom;
import jp.renkei.hub.carenet.room.RoomStore;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.patient.EventNumber;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.Requester;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The vital signs entered in a room's posts, for its members as they may see them (family: shared posts only),
 * oldest first: the room's trend chart, and the patient page's summary for a room linked to the patient's
 * event number. Every read is audited.
 */
@Service
@Transactional(readOnly = true)
public class VitalSigns {

    /** The newest posts with vital signs a chart shows: a year of daily visits and more. */
    public static final int MAX_POSTS = 500;

    private final PostStore posts;
    private final RoomStore rooms;
    private final RoomAccess access;
    private final CareNetAudit audit;

    public VitalSigns(PostStore posts, RoomStore rooms, RoomAccess access, CareNetAudit audit) {
        this.posts = posts;
        this.rooms = rooms;
        this.access = access;
        this.audit = audit;
    }

    /** The room's readings for a member; anyone else gets the room's 404. */
    public RoomVitals ofRoom(UUID roomId, Requester requester) {
        MemberInRoom member = access.require(roomId, requester, AuditAction.READ);
        return new RoomVitals(member.room(), read(member.room(), member.family(), requester));
    }

    /**
     * The readings of the rooms linked to the patient's event number in which the requester is a current member
     * for the facility they act for (or as family). Other rooms are not looked at, so nothing is refused here.
     */
    public List<RoomVitals> ofPatient(EventNumber eventNumber, Requester requester) {
        if (requester.kind() != HubPrincipal.Kind.PERSON) {
            return List.of();
        }
        List<RoomVitals> found = new ArrayList<>();
        for (Room room : rooms.ofMember(requester.id())) {
            if (!eventNumber.digits().equals(room.eventNumber())) {
                continue;
            }
            Member member = rooms.currentMember(room.id(), requester.id()).orElse(null);
            if (member != null && (member.family() || member.facilityId().equals(requester.facilityId()))) {
                found.add(new RoomVitals(room, read(room, member.family(), requester)));
            }
        }
        return found;
    }

    private List<VitalReading> read(Room room, boolean family, Requester requester) {
        List<Post> withVitals = posts.newest(room.id(), family, VitalSign.CATEGORY, MAX_POSTS);
        List<VitalReading> readings = VitalReadings.of(withVitals);
        audit.record(requester, AuditAction.READ, room.id(), "vital signs", readings.size() + " vital-sign readings of "
                + withVitals.size() + " posts read");
        return readings;
    }

    /** A room with its readings. */
    public record RoomVitals(Room room, List<VitalReading> readings) {
    }
}
