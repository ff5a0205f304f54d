package jp.renkei.hub.core.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jp.renkei.hub.core.audit.AuditTrail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a request's audit record inside the transaction that writes its data, so that a write costs one commit:
 * just before the data transaction commits, the record (with the status the request answers with when the
 * commit succeeds) is added to it; after the commit the request counts as audited with that status. A rollback
 * takes the record with the data, and the audit filter records the failure as for any request. If the answer
 * ends with another status after all (e.g. the response cannot be written), the filter records a second event
 * with the real one, so every answer has an event with its status.
 */
@Component
public class AuditWithData {

    /** The status the record written with the data carries; set once that transaction committed. */
    private static final String RECORDED_STATUS = AuditWithData.class.getName() + ".recordedStatus";
    /** Set while a data transaction of the request will write the record when it commits. */
    private static final String JOINED = AuditWithData.class.getName() + ".joined";

    private final AuditTrail audit;

    public AuditWithData(AuditTrail audit) {
        this.audit = audit;
    }

    /**
     * Has the current transaction write the request's record when it commits, unless the request is recorded
     * already or another open transaction of it will. Without an active, writing transaction nothing happens and
     * the audit filter records the request as usual.
     *
     * @param statusIfCommitted the status the request answers with once this transaction has committed
     */
    public void joinCurrentTransaction(HttpServletRequest request, int statusIfCommitted) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly()
                || request.getAttribute(RequestAttributes.AUDITED) != null
                || request.getAttribute(RECORDED_STATUS) != null
                || request.getAttribute(JOINED) != null) {
            return;
        }
        request.setAttribute(JOINED, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                audit.recordWithCurrentTransaction(List.of(RequestAuditFilter.entry(request, statusIfCommitted)));
            }

            @Override
            public void afterCompletion(int status) {
                request.removeAttribute(JOINED);
                if (status == STATUS_COMMITTED) {
                    request.setAttribute(RECORDED_STATUS, statusIfCommitted);
                }
            }
        });
    }

    /** Whether a data transaction of the request committed its record with exactly this status. */
    static boolean recordedWith(HttpServletRequest request, int status) {
        return request.getAttribute(RECORDED_STATUS) instanceof Integer recorded && recorded == status;
    }
}
