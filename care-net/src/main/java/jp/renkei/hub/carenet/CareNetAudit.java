package jp.renkei.hub.carenet;

import java.util.UUID;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.security.Requester;
import org.springframework.stereotype.Component;

/**
 * Audit records of care-net reads and writes, beyond the request record the hub keeps of every HTTP call: the
 * patient reference is the room ({@code CareRoom/<id>}), since many rooms' patients have no event number, and
 * the detail says what was read or changed (never the patient's data itself). Refusals are recorded too, so
 * an outsider probing rooms leaves a trace even though the answer is a plain 404.
 */
@Component
public class CareNetAudit {

    private final AuditTrail trail;

    public CareNetAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(Requester actor, AuditAction action, UUID roomId, String resource, String detail) {
        write(actor, action, roomId, resource, AuditOutcome.SUCCESS, detail);
    }

    public void refused(Requester actor, AuditAction action, UUID roomId, String resource, String detail) {
        write(actor, action, roomId, resource, AuditOutcome.DENIED, detail);
    }

    public static String roomRef(UUID roomId) {
        return "CareRoom/" + roomId;
    }

    private void write(Requester actor, AuditAction action, UUID roomId, String resource, AuditOutcome outcome,
                       String detail) {
        trail.record(new AuditEntry(actor.kind().name(), actor.id(), actor.facilityId(), actor.roleNames(),
                roomId == null ? null : roomRef(roomId), action, "care-net " + resource, outcome, 0,
                actor.purpose().name(), null, detail));
    }
}
