package jp.renkei.hub.regional.directory;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.security.Requester;
import org.springframework.stereotype.Component;

/**
 * Audit records of profile changes and refusals, beyond the request record the hub keeps of every HTTP call
 * (searches are directory reads without patient data: the request record is their trace).
 */
@Component
class DirectoryAudit {

    private final AuditTrail trail;

    DirectoryAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void record(Requester actor, AuditAction action, String facilityId, String detail) {
        write(actor, action, facilityId, AuditOutcome.SUCCESS, detail);
    }

    void refused(Requester actor, AuditAction action, String facilityId, String detail) {
        write(actor, action, facilityId, AuditOutcome.DENIED, detail);
    }

    void recordSystem(String actorId, String facilityId, String detail) {
        trail.record(new AuditEntry("SYSTEM", actorId, facilityId, java.util.Set.of(), null, AuditAction.UPDATE,
                "directory profile " + facilityId, AuditOutcome.SUCCESS, 0, null, null, detail));
    }

    private void write(Requester actor, AuditAction action, String facilityId, AuditOutcome outcome, String detail) {
        trail.record(new AuditEntry(actor.kind().name(), actor.id(), actor.facilityId(), actor.roleNames(), null,
                action, "directory profile " + facilityId, outcome, 0, actor.purpose().name(), null, detail));
    }
}
