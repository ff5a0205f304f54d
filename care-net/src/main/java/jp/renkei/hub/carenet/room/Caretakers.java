package jp.renkei.hub.carenet.room;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jp.renkei.hub.carenet.CareNetAudit;
import jp.renkei.hub.carenet.room.RoomAccess.MemberInRoom;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.core.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Handing the caretaker (世話役) role to another member, e.g. at a staff change: by the applicant or the current
 * caretaker, to a current staff member of the room (never family). The change is logged in the audit trail with
 * who handed it from whom to whom; the previous caretaker stays a member (and may then be removed).
 */
@Service
@Transactional
public class Caretakers {

    private final Rooms rooms;
    private final RoomStore store;
    private final CareNetAudit audit;
    private final Clock clock;

    public Caretakers(Rooms rooms, RoomStore store, CareNetAudit audit, Clock clock) {
        this.rooms = rooms;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public Room change(UUID roomId, String personId, Requester requester) {
        MemberInRoom manager = rooms.requireManager(roomId, requester);
        Room room = store.findForUpdate(roomId).orElseThrow(() -> RoomAccess.notFound(roomId));
        Member next = personId == null ? null : store.currentMember(roomId, personId).orElse(null);
        if (next == null || next.family()) {
            throw ApiException.invalid("personId", "世話役はこの部屋の現在のメンバー（家族以外）から選んでください");
        }
        if (next.personId().equals(room.caretakerId())) {
            throw ApiException.conflict("この人はすでに世話役です");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        store.setCaretaker(roomId, next.personId(), now);
        audit.record(requester, AuditAction.UPDATE, roomId, "caretaker", "caretaker changed from person "
                + room.caretakerId() + " to person " + next.personId() + " by " + manager.member().personId());
        return store.find(roomId).orElseThrow();
    }
}
