package jp.renkei.hub.dicom.store;

import java.io.IOException;
import java.io.InputStream;

import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.DimseService;
import jp.renkei.hub.dicom.net.PresentationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Storage service (C-STORE SCP, PS3.4 B): each instance goes through the {@link InstanceStore}, streamed
 * as it arrives. The sender's facility must still be ACTIVE for every instance, so a facility suspended during
 * an association cannot go on storing.
 */
public final class StoreService implements DimseService {

    private static final Logger log = LoggerFactory.getLogger(StoreService.class);
    /** Storage SOP classes live under this root (PS3.4 B.5); the hub stores any of them. */
    private static final String STORAGE_ROOT = "1.2.840.10008.5.1.4.1.1.";

    private final InstanceStore instances;

    public StoreService(InstanceStore instances) {
        this.instances = instances;
    }

    /** Whether {@code sopClass} is a storage SOP class. */
    public static boolean isStorageClass(String sopClass) {
        return sopClass.startsWith(STORAGE_ROOT);
    }

    @Override
    public boolean provides(String abstractSyntax) {
        return isStorageClass(abstractSyntax);
    }

    @Override
    public boolean accepts(String abstractSyntax, TransferSyntax syntax) {
        return true;
    }

    @Override
    public void handle(Association association, PresentationContext context, Dimse.Command command,
                       InputStream dataSet) throws IOException {
        if (command.field() != Dimse.C_STORE_RQ) {
            association.respond(context, command, Dimse.UNRECOGNIZED_OPERATION, "only C-STORE is provided", null);
            return;
        }
        DicomPeer peer = (DicomPeer) association.peer();
        InstanceStore.Outcome result = store(peer, context, command, dataSet);
        if (result.stored()) {
            peer.stored(result.studyUid());
        } else {
            peer.refused();
            log.info("C-STORE from {} refused ({}): {}", peer.aeTitle(), Integer.toHexString(result.status()),
                    result.comment());
        }
        association.respond(context, command, result.status(), result.comment(), null);
    }

    private InstanceStore.Outcome store(DicomPeer peer, PresentationContext context, Dimse.Command command,
                                        InputStream dataSet) throws IOException {
        if (dataSet == null) {
            return new InstanceStore.Outcome(Dimse.CANNOT_UNDERSTAND, "C-STORE without a data set", null, null);
        }
        String sopClass = command.affectedSopClassUid().orElse("");
        if (!sopClass.equals(context.abstractSyntax())) {
            return new InstanceStore.Outcome(Dimse.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "SOP class differs from the context's", null, null);
        }
        return instances.store(new InstanceStore.Sender(peer.facilityId(), peer.aeTitle()), sopClass,
                command.affectedSopInstanceUid().orElse(""), context.transferSyntax(), dataSet);
    }
}
