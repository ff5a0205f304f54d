package jp.renkei.hub.dicom.retrieve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.PresentationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What C-GET and C-MOVE share: the sub-operation counts (PS3.4 C.4.2.1.3.2, C.4.3.1.3.2), their responses, and the
 * rule that the hub never transcodes pixel data (only the two uncompressed syntaxes are converted).
 */
final class SubOperations {

    private static final Logger log = LoggerFactory.getLogger(SubOperations.class);

    final int total;
    int completed;
    int failed;
    int warning;
    final List<String> failedUids = new ArrayList<>();

    SubOperations(int total) {
        this.total = total;
    }

    void record(int status, String sopInstanceUid) {
        if (status == Dimse.SUCCESS) {
            completed++;
        } else if ((status & 0xF000) == 0xB000) {
            warning++;
        } else {
            failed++;
            failedUids.add(sopInstanceUid);
        }
    }

    /** Every sub-operation not yet done counted as failed (the destination went away). */
    void failRemaining(List<Retrieval.Item> items) {
        for (Retrieval.Item item : items.subList(total - remaining(), total)) {
            record(Dimse.UNABLE_TO_PROCESS, item.instance().sopInstanceUid());
        }
    }

    int remaining() {
        return total - completed - failed - warning;
    }

    /** The final status when every sub-operation ran (or {@code cancelled} stopped them). */
    int finalStatus(boolean cancelled) {
        return cancelled ? Dimse.CANCEL
                : failed + warning > 0 ? Dimse.SUBOPERATIONS_COMPLETE_WITH_FAILURES : Dimse.SUCCESS;
    }

    /** The Failed SOP Instance UID List of the final response, or null when nothing failed. */
    DataSet failures() {
        return failedUids.isEmpty() ? null
                : new DataSet().setStrings(Tag.FAILED_SOP_INSTANCE_UID_LIST, Vr.UI, failedUids.toArray(String[]::new));
    }

    String summary() {
        return "sent " + completed + " of " + total + " instance(s), failed " + failed + ", warnings " + warning;
    }

    /** A response to the C-GET / C-MOVE request with these counts (remaining only while pending or cancelled). */
    void send(Association association, PresentationContext context, Dimse.Command command, int status,
              String comment, DataSet identifier) throws IOException {
        DataSet response = Dimse.response(command, status, comment, identifier != null);
        if (status == Dimse.PENDING || status == Dimse.CANCEL) {
            response.setInt(Dimse.NUMBER_OF_REMAINING_SUBOPERATIONS, Vr.US, remaining());
        }
        response.setInt(Dimse.NUMBER_OF_COMPLETED_SUBOPERATIONS, Vr.US, completed);
        response.setInt(Dimse.NUMBER_OF_FAILED_SUBOPERATIONS, Vr.US, failed);
        response.setInt(Dimse.NUMBER_OF_WARNING_SUBOPERATIONS, Vr.US, warning);
        association.send(context, response, identifier);
    }

    /**
     * Whether an instance stored in {@code stored} can be sent on a context that agreed {@code wanted}: the same
     * syntax, or both uncompressed ({@link InstanceFiles} re-encodes those).
     */
    static boolean sendable(Retrieval.Item item, TransferSyntax stored, TransferSyntax wanted, String service) {
        if (wanted != stored && (wanted.encapsulated() || stored.encapsulated())) {
            log.info("{}: {} is stored in {} and the peer accepted only {}; the hub does not transcode pixel data",
                    service, item.instance().sopInstanceUid(), stored.uid(), wanted.uid());
            return false;
        }
        return true;
    }
}
