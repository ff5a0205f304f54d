package jp.renkei.hub.dicom.retrieve;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.security.Requester;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.PresentationContext;
import jp.renkei.hub.dicom.query.IdentifierService;
import jp.renkei.hub.dicom.store.DicomPeer;

/**
 * What C-GET and C-MOVE share before their sub-operations: the plan of what the calling facility may have
 * ({@link Retrieval}), the answers when there is nothing to send, and the audit entry of a retrieval.
 */
abstract class RetrieveService extends IdentifierService {

    protected final Retrieval retrieval;
    protected final InstanceFiles files;
    private final AuditTrail audit;
    private final String operation;

    RetrieveService(int commandField, Set<String> sopClasses, String operation, Retrieval retrieval,
                    InstanceFiles files, AuditTrail audit) {
        super(commandField, sopClasses);
        this.operation = operation;
        this.retrieval = retrieval;
        this.files = files;
        this.audit = audit;
    }

    /**
     * The plan for the identifier; empty when the request has been answered already: A900H for an identifier that
     * names nothing at its level, 0124H when nothing is left to send. A withheld study and one that is not there
     * get the same answer; only the audit trail tells them apart.
     */
    Optional<Retrieval.Plan> plan(Association association, PresentationContext context, Dimse.Command command,
                                  DataSet keys, String destination) throws IOException {
        DicomPeer peer = (DicomPeer) association.peer();
        Retrieval.Plan plan;
        try {
            plan = retrieval.plan(peer.requester(), keys);
        } catch (Retrieval.BadIdentifier e) {
            association.respond(context, command, Dimse.IDENTIFIER_DOES_NOT_MATCH, e.getMessage(), null);
            return Optional.empty();
        }
        if (plan.items().isEmpty()) {
            audited(association, plan.studies(), destination, plan.denied() ? AuditOutcome.DENIED
                    : AuditOutcome.SUCCESS, plan.denied() ? "refused: no IMAGING consent for the named study"
                    : "nothing matched");
            new SubOperations(0).send(association, context, command, Dimse.REFUSED_NOT_AUTHORIZED,
                    "nothing to retrieve that the caller may have", null);
            return Optional.empty();
        }
        return Optional.of(plan);
    }

    /** READ "DICOM C-GET studies [...]" (C-MOVE: "… to AE (host:port)") by the calling facility's system. */
    void audited(Association association, Set<String> studies, String destination, AuditOutcome outcome,
                 String detail) {
        Requester requester = ((DicomPeer) association.peer()).requester();
        audit.record(new AuditEntry(requester.kind().name(), requester.id(), requester.facilityId(),
                requester.roleNames(), null, AuditAction.READ, "DICOM " + operation + " studies " + studies
                + (destination == null ? "" : " to " + destination), outcome, 0, requester.purpose().name(),
                association.peerAddress().getHostAddress(), detail));
    }
}
