package jp.renkei.hub.dicom.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.PresentationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Retrieve service's C-GET (PS3.4 C.4.3) on the Study Root and Patient Root models: the instances the
 * identifier names and the calling facility may have ({@link Retrieval}) are sent back on the same association
 * as C-STORE sub-operations, one file at a time, streamed from the object store in the syntax they were
 * stored in (see {@link InstanceFiles}: another facility's instances carry the event number as PatientID; the
 * uncompressed syntaxes are converted one instance at a time when the peer accepted only the other). A
 * pending response follows every sub-operation; the final one
 * counts completed, failed and warning sub-operations and lists the failed instances. When nothing is left to
 * send — a named study the facility may not see, or one that is not there: the same answer — the request is
 * "refused: not authorized".
 */
public final class GetService extends RetrieveService {

    public static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";
    public static final String PATIENT_ROOT_GET = "1.2.840.10008.5.1.4.1.2.1.3";
    private static final Logger log = LoggerFactory.getLogger(GetService.class);

    public GetService(Retrieval retrieval, InstanceFiles files, AuditTrail audit) {
        super(Dimse.C_GET_RQ, Set.of(STUDY_ROOT_GET, PATIENT_ROOT_GET), "C-GET", retrieval, files, audit);
    }

    @Override
    protected void serve(Association association, PresentationContext context, Dimse.Command command, DataSet keys)
            throws IOException {
        Optional<Retrieval.Plan> planned = plan(association, context, command, keys, null);
        if (planned.isEmpty()) {
            return;
        }
        Retrieval.Plan plan = planned.get();
        SubOperations counts = new SubOperations(plan.items().size());
        for (Retrieval.Item item : plan.items()) {
            if (association.cancelRequested(command.messageId())) {
                break;
            }
            int status = subOperation(association, item);
            counts.record(status, item.instance().sopInstanceUid());
            if (counts.remaining() > 0) {
                counts.send(association, context, command, Dimse.PENDING, null, null);
            }
        }
        boolean cancelled = counts.remaining() > 0;
        audited(association, plan.studies(), null, counts.failed == 0 ? AuditOutcome.SUCCESS : AuditOutcome.FAILED,
                counts.summary() + (cancelled ? ", cancelled" : "")
                        + (plan.denied() ? "; a named study withheld for want of consent" : ""));
        counts.send(association, context, command, counts.finalStatus(cancelled),
                cancelled ? "cancelled by the peer" : null, counts.failures());
    }

    /** One C-STORE sub-operation; the status the peer answered, or a failure status of the hub's own. */
    private int subOperation(Association association, Retrieval.Item item) throws IOException {
        TransferSyntax stored = InstanceFiles.syntaxOf(item);
        Optional<PresentationContext> destination = association.storageDestination(item.instance().sopClassUid(),
                stored);
        if (destination.isEmpty()) {
            log.info("C-GET: no accepted storage context with the SCP role for {} ({})",
                    item.instance().sopInstanceUid(), item.instance().sopClassUid());
            return Dimse.SOP_CLASS_NOT_SUPPORTED;
        }
        TransferSyntax wanted = destination.get().transferSyntax();
        if (!SubOperations.sendable(item, stored, wanted, "C-GET")) {
            return Dimse.SOP_CLASS_NOT_SUPPORTED;
        }
        try (InputStream data = files.dataSet(item, wanted)) {
            return association.storeSubOperation(destination.get(), item.instance().sopInstanceUid(), data, null);
        }
    }
}
