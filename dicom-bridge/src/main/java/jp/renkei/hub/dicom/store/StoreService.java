package jp.renkei.hub.dicom.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomFormatException;
import jp.renkei.hub.dicom.encoding.DicomReader;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.FileMetaInformation;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.Dimse;
import jp.renkei.hub.dicom.net.DimseService;
import jp.renkei.hub.dicom.net.PresentationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Storage service (C-STORE SCP, PS3.4 B). Each instance is streamed as it arrives into a staged file (Part 10
 * header, then the data set exactly as received), then read back to check its structure and take its index
 * keys — without loading pixel data — and only then committed to the object store and indexed. An instance
 * that fails any step leaves neither file nor index row. The sender's facility must still be ACTIVE for every
 * instance, so a facility suspended during an association cannot go on storing.
 */
public final class StoreService implements DimseService {

    private static final Logger log = LoggerFactory.getLogger(StoreService.class);
    /** Storage SOP classes live under this root (PS3.4 B.5); the hub stores any of them. */
    private static final String STORAGE_ROOT = "1.2.840.10008.5.1.4.1.1.";
    /** Values longer than this are checked but not kept while an instance is read for indexing. */
    private static final long INDEX_BULK_THRESHOLD = 1024;

    private final ObjectStore store;
    private final ImageIndex index;
    private final FacilityRegistry facilities;

    public StoreService(ObjectStore store, ImageIndex index, FacilityRegistry facilities) {
        this.store = store;
        this.index = index;
        this.facilities = facilities;
    }

    @Override
    public boolean provides(String abstractSyntax) {
        return abstractSyntax.startsWith(STORAGE_ROOT);
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
        Result result = store(peer, context, command, dataSet);
        if (result.status() == Dimse.SUCCESS) {
            peer.stored(result.studyUid());
        } else {
            peer.refused();
            log.info("C-STORE from {} refused ({}): {}", peer.aeTitle(), Integer.toHexString(result.status()),
                    result.comment());
        }
        association.respond(context, command, result.status(), result.comment(), null);
    }

    private record Result(int status, String comment, String studyUid) {
        static Result refused(int status, String comment) {
            return new Result(status, comment, null);
        }
    }

    private Result store(DicomPeer peer, PresentationContext context, Dimse.Command command, InputStream dataSet)
            throws IOException {
        if (dataSet == null) {
            return Result.refused(Dimse.CANNOT_UNDERSTAND, "C-STORE without a data set");
        }
        if (!facilities.isActive(peer.facilityId())) {
            return Result.refused(Dimse.REFUSED_NOT_AUTHORIZED, "facility of " + peer.aeTitle() + " is not active");
        }
        String sopClass = command.affectedSopClassUid().orElse("");
        String sopInstance = command.affectedSopInstanceUid().orElse("");
        if (!sopClass.equals(context.abstractSyntax())) {
            return Result.refused(Dimse.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "SOP class differs from the context's");
        }
        try (ObjectStore.Staged staged = store.stage()) {
            DicomFile.writeHeader(staged.output(), FileMetaInformation.byHub(sopClass, sopInstance,
                    context.transferSyntax().uid(), peer.aeTitle()));
            long headerLength = staged.size();
            dataSet.transferTo(staged.output());
            staged.output().flush();
            ReceivedInstance instance;
            try {
                instance = readBack(staged, context.transferSyntax(), headerLength);
            } catch (DicomFormatException e) {
                return Result.refused(Dimse.CANNOT_UNDERSTAND, "malformed data set: " + e.getMessage());
            } catch (ReceivedInstance.Unacceptable e) {
                return Result.refused(Dimse.CANNOT_UNDERSTAND, e.getMessage());
            }
            if (!instance.sopInstanceUid().equals(sopInstance) || !instance.sopClassUid().equals(sopClass)) {
                return Result.refused(Dimse.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                        "SOP class/instance in the data set differ from the command's");
            }
            String owner = index.ownerOfInstance(sopInstance).orElse(null);
            if (owner != null) {
                return owner.equals(peer.facilityId()) ? new Result(Dimse.SUCCESS, null, instance.studyUid())
                        : Result.refused(Dimse.REFUSED_NOT_AUTHORIZED, "instance was sent by another facility");
            }
            boolean existed = store.exists(instance.storageKey());
            staged.commit(instance.storageKey());
            try {
                index.index(peer.facilityId(), peer.aeTitle(), instance, context.transferSyntax().uid(), staged.size());
            } catch (ImageIndex.Conflict e) {
                if (!existed) {
                    store.delete(instance.storageKey());
                }
                return Result.refused(e.otherFacility() ? Dimse.REFUSED_NOT_AUTHORIZED : Dimse.CANNOT_UNDERSTAND,
                        e.getMessage());
            } catch (RuntimeException e) {
                if (!existed) {
                    store.delete(instance.storageKey());
                }
                log.error("Indexing instance {} failed", sopInstance, e);
                return Result.refused(Dimse.OUT_OF_RESOURCES, "the hub could not index the instance");
            }
            return new Result(Dimse.SUCCESS, null, instance.studyUid());
        }
    }

    /** Reads the staged file's data set back, checking all of it; pixel data is skipped, not kept. */
    private ReceivedInstance readBack(ObjectStore.Staged staged, TransferSyntax syntax, long headerLength)
            throws IOException, ReceivedInstance.Unacceptable {
        try (InputStream in = new BufferedInputStream(staged.readBack(), 64 * 1024)) {
            in.skipNBytes(headerLength);
            DataSet set = new DicomReader(in, syntax, INDEX_BULK_THRESHOLD).readDataSet();
            return ReceivedInstance.of(set);
        }
    }
}
