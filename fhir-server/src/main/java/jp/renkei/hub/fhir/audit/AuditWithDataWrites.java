package jp.renkei.hub.fhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jp.renkei.hub.core.security.AuditWithData;
import org.springframework.stereotype.Component;

/**
 * Has the JPA transaction that writes a FHIR request's data also write the request's audit record
 * ({@link AuditWithData}): one commit per write instead of the data's and the audit's. The pre-commit hooks run
 * inside that transaction for every resource created, updated or deleted, also for each entry of a transaction
 * bundle; the first one joins. Registered with HAPI's storage interceptors (not the REST server's) so that it sees
 * every write the store makes; writes the hub makes as itself carry no servlet request and are left alone.
 */
@Component
@Interceptor
public class AuditWithDataWrites {

    private final AuditWithData auditWithData;

    public AuditWithDataWrites(AuditWithData auditWithData, IInterceptorService storageInterceptors) {
        this.auditWithData = auditWithData;
        storageInterceptors.registerInterceptor(this);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(RequestDetails request) {
        join(request, 201);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(RequestDetails request) {
        join(request, 200);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(RequestDetails request) {
        join(request, 200);
    }

    /** @param statusOfOneResource what a create/update/delete of this single resource answers */
    private void join(RequestDetails request, int statusOfOneResource) {
        if (!(request instanceof ServletRequestDetails servlet) || servlet.getServletRequest() == null) {
            return;
        }
        RestOperationTypeEnum operation = request.getRestOperationType();
        // A create answers 201 (an update that creates, too: it reaches the CREATED hook); a bundle or an
        // operation answers 200. A guess that turns out wrong costs a second audit event, never a missing one.
        int status = operation == RestOperationTypeEnum.CREATE || operation == RestOperationTypeEnum.UPDATE
                || operation == RestOperationTypeEnum.DELETE || operation == RestOperationTypeEnum.PATCH
                ? statusOfOneResource : 200;
        auditWithData.joinCurrentTransaction(servlet.getServletRequest(), status);
    }
}
