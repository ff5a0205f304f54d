package jp.renkei.hub.regional.questionnaire;

import java.util.Set;
import java.util.UUID;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.security.Requester;
import org.springframework.stereotype.Component;

/**
 * Audit records of web questionnaires beyond the request record: what staff built and issued, and what a patient
 * did through a link. A patient has no account: they are recorded as ANONYMOUS with the link's id
 * ({@code QuestionnaireLink/<id>}, never the token) and the issuing facility. The detail never holds answers.
 */
@Component
public class QuestionnaireAudit {

    static final String ANONYMOUS_WITH_LINK = "ANONYMOUS";

    private final AuditTrail trail;

    public QuestionnaireAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void staff(Requester actor, AuditAction action, String patientRef, String resource, String detail) {
        trail.record(new AuditEntry(actor.kind().name(), actor.id(), actor.facilityId(), actor.roleNames(), patientRef,
                action, "questionnaire " + resource, AuditOutcome.SUCCESS, 0, actor.purpose().name(), null, detail));
    }

    /** What was done through a link; {@code link} may be null when no link matched. */
    void patient(AnswerLink link, AuditAction action, AuditOutcome outcome, String detail) {
        trail.record(new AuditEntry(ANONYMOUS_WITH_LINK, link == null ? null : linkRef(link.id()),
                link == null ? null : link.facilityId(), Set.of(),
                link == null ? null : "Patient/" + link.patientId(), action,
                "questionnaire answer link", outcome, 0, null, null, detail));
    }

    static String linkRef(UUID id) {
        return "QuestionnaireLink/" + id;
    }
}
