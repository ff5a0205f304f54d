package jp.renkei.hub.regional.letter;

import java.util.UUID;
import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.security.Requester;
import org.springframework.stereotype.Component;

/**
 * Audit records of letters beyond the request record of every HTTP call: the patient (event number), the letter
 * and what happened to it, never its text. Refusals are recorded too: a facility probing others' letters leaves a
 * trace although it gets a plain 404.
 */
@Component
public class LetterAudit {

    private final AuditTrail trail;

    public LetterAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void record(Requester actor, AuditAction action, UUID letterId, String eventNumber, String detail) {
        write(actor, action, letterId, eventNumber, AuditOutcome.SUCCESS, detail);
    }

    void refused(Requester actor, AuditAction action, UUID letterId, String detail) {
        write(actor, action, letterId, null, AuditOutcome.DENIED, detail);
    }

    private void write(Requester actor, AuditAction action, UUID letterId, String eventNumber, AuditOutcome outcome,
                       String detail) {
        trail.record(new AuditEntry(actor.kind().name(), actor.id(), actor.facilityId(), actor.roleNames(),
                eventNumber, action, letterId == null ? "ReferralLetter" : "ReferralLetter/" + letterId, outcome, 0,
                actor.purpose().name(), null, detail));
    }
}
