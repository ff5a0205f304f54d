package jp.renkei.hub.regional.pathway;

import java.util.UUID;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.security.Requester;
import org.springframework.stereotype.Component;

/**
 * Audit records of pathways beyond the request record of every HTTP call: the patient (event number), the
 * pathway and what happened (started, opened, stage recorded or done), never the answers. Refusals are recorded
 * too: a facility probing others' pathways leaves a trace although it gets a plain 404.
 */
@Component
public class PathwayAudit {

    private final AuditTrail trail;

    public PathwayAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void record(Requester actor, AuditAction action, UUID pathwayId, String eventNumber, String detail) {
        write(actor, action, pathwayId, eventNumber, AuditOutcome.SUCCESS, detail);
    }

    void refused(Requester actor, AuditAction action, UUID pathwayId, String eventNumber, String detail) {
        write(actor, action, pathwayId, eventNumber, AuditOutcome.DENIED, detail);
    }

    private void write(Requester actor, AuditAction action, UUID pathwayId, String eventNumber, AuditOutcome outcome,
                       String detail) {
        trail.record(new AuditEntry(actor.kind().name(), actor.id(), actor.facilityId(), actor.roleNames(),
                eventNumber, action, pathwayId == null ? "Pathway" : "Pathway/" + pathwayId, outcome, 0,
                actor.purpose().name(), null, detail));
    }
}
