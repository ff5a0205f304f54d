package jp.renkei.hub.dicom.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import jp.renkei.hub.core.arrival.DataArrivals;
import jp.renkei.hub.core.monitoring.HubMeters;
import jp.renkei.hub.core.monitoring.IngestChannel;
import jp.renkei.hub.core.monitoring.IngestOutcome;
import jp.renkei.hub.core.arrival.DataChannel;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomFormatException;
import jp.renkei.hub.dicom.encoding.DicomReader;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.file.DicomFile;
import jp.renkei.hub.dicom.file.FileMetaInformation;
import jp.renkei.hub.dicom.net.Dimse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way an instance enters the hub, for C-STORE and STOW-RS alike. The data set is streamed as it
 * arrives into a staged file (Part 10 header, then the data set exactly as received), then read back to check
 * its structure and take its index keys — without loading pixel data — and only then committed to the object
 * store and indexed. An instance that fails any step leaves neither file nor index row. The sending facility
 * must be ACTIVE at the moment of every instance, so a facility suspended during an association or a long
 * upload cannot go on storing. Outcomes are DIMSE status codes, which STOW-RS reports as failure reasons too.
 */
public final class InstanceStore {

    private static final Logger log = LoggerFactory.getLogger(InstanceStore.class);
    /** Values longer than this are checked but not kept while an instance is read for indexing. */
    private static final long INDEX_BULK_THRESHOLD = 1024;

    /**
     * Who sends: the facility, and the label recorded as the sender (its calling AE title, or
     * {@link #DICOMWEB} for uploads over HTTP).
     */
    public record Sender(String facilityId, String label) {
    }

    /** The sender label of instances uploaded with STOW-RS. */
    public static final String DICOMWEB = "DICOMWEB";

    /** How storing went: a DIMSE status, why (when not successful), and the instance's study and series. */
    public record Outcome(int status, String comment, String studyUid, String seriesUid) {
        static Outcome refused(int status, String comment) {
            return new Outcome(status, comment, null, null);
        }

        static Outcome stored(ReceivedInstance instance) {
            return new Outcome(Dimse.SUCCESS, null, instance.studyUid(), instance.seriesUid());
        }

        public boolean stored() {
            return status == Dimse.SUCCESS;
        }
    }

    private final ObjectStore store;
    private final ImageIndex index;
    private final FacilityRegistry facilities;
    private final DataArrivals arrivals;
    private final HubMeters meters;

    public InstanceStore(ObjectStore store, ImageIndex index, FacilityRegistry facilities, DataArrivals arrivals,
                         HubMeters meters) {
        this.meters = meters;
        this.store = store;
        this.index = index;
        this.facilities = facilities;
        this.arrivals = arrivals;
    }

    /**
     * Stores the data set streamed from {@code dataSet}, encoded in {@code syntax}, which the sender declared to
     * be the instance {@code sopInstance} of {@code sopClass}.
     */
    public Outcome store(Sender sender, String sopClass, String sopInstance, TransferSyntax syntax,
                         InputStream dataSet) throws IOException {
        return store(sender, sopClass, sopInstance, syntax, dataSet, null);
    }

    /** As {@link #store(Sender, String, String, TransferSyntax, InputStream)}, into {@code study} only if not null. */
    public Outcome store(Sender sender, String sopClass, String sopInstance, TransferSyntax syntax,
                         InputStream dataSet, String study) throws IOException {
        Outcome outcome = storeChecked(sender, sopClass, sopInstance, syntax, dataSet, study);
        if (outcome.stored()) {
            // the VPN status shows when images last arrived from the site
            arrivals.record(sender.facilityId(), DataChannel.DICOM);
        }
        meters.ingest(IngestChannel.DICOM, outcome.stored() ? IngestOutcome.ACCEPTED : IngestOutcome.REFUSED);
        return outcome;
    }

    private Outcome storeChecked(Sender sender, String sopClass, String sopInstance, TransferSyntax syntax,
                                 InputStream dataSet, String study) throws IOException {
        if (!facilities.isActive(sender.facilityId())) {
            return Outcome.refused(Dimse.REFUSED_NOT_AUTHORIZED, "facility of " + sender.label() + " is not active");
        }
        try (ObjectStore.Staged staged = store.stage()) {
            DicomFile.writeHeader(staged.output(), FileMetaInformation.byHub(sopClass, sopInstance, syntax.uid(),
                    sender.label()));
            long headerLength = staged.size();
            dataSet.transferTo(staged.output());
            staged.output().flush();
            ReceivedInstance instance;
            try {
                instance = readBack(staged, syntax, headerLength);
            } catch (DicomFormatException e) {
                return Outcome.refused(Dimse.CANNOT_UNDERSTAND, "malformed data set: " + e.getMessage());
            } catch (ReceivedInstance.Unacceptable e) {
                return Outcome.refused(Dimse.CANNOT_UNDERSTAND, e.getMessage());
            }
            if (!instance.sopInstanceUid().equals(sopInstance) || !instance.sopClassUid().equals(sopClass)) {
                return Outcome.refused(Dimse.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                        "SOP class/instance in the data set differ from the declared ones");
            }
            if (study != null && !study.equals(instance.studyUid())) {
                return Outcome.refused(Dimse.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "instance belongs to study "
                        + instance.studyUid() + ", not to the study " + study + " it was sent to");
            }
            String owner = index.ownerOfInstance(sopInstance).orElse(null);
            if (owner != null) {
                return owner.equals(sender.facilityId()) ? Outcome.stored(instance)
                        : Outcome.refused(Dimse.REFUSED_NOT_AUTHORIZED, "instance was sent by another facility");
            }
            boolean existed = store.exists(instance.storageKey());
            staged.commit(instance.storageKey());
            try {
                index.index(sender.facilityId(), sender.label(), instance, syntax.uid(), staged.size());
            } catch (ImageIndex.Conflict e) {
                if (!existed) {
                    store.delete(instance.storageKey());
                }
                return Outcome.refused(e.otherFacility() ? Dimse.REFUSED_NOT_AUTHORIZED : Dimse.CANNOT_UNDERSTAND,
                        e.getMessage());
            } catch (RuntimeException e) {
                if (!existed) {
                    store.delete(instance.storageKey());
                }
                log.error("Indexing instance {} failed", sopInstance, e);
                return Outcome.refused(Dimse.OUT_OF_RESOURCES, "the hub could not index the instance");
            }
            return Outcome.stored(instance);
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
