package jp.renkei.hub.core.patient;

import java.util.stream.Collectors;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.security.HubPrincipal;
import jp.renkei.hub.core.security.HubRole;
import org.springframework.stereotype.Component;

/**
 * Audit records of what was done to a patient's numbers, links and cards, beyond the request record: the
 * patient reference is the event number (grouped form, as people search for it) and the detail says what
 * changed. Callers record inside their transaction, after the last write: should recording fail, the change
 * rolls back instead of happening unaudited.
 */
@Component
public class PatientAudit {

    private final AuditTrail trail;

    public PatientAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(HubPrincipal actor, AuditAction action, EventNumber number, String resource, String detail) {
        trail.record(new AuditEntry(actor.kind().name(), actor.id(), actor.actingFacilityId(),
                actor.roles().stream().map(HubRole::name).collect(Collectors.toSet()), number.formatted(), action,
                resource, AuditOutcome.SUCCESS, 0, null, null, detail));
    }
}
