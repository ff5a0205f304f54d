package jp.renkei.hub.dicom.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        counted(sender, outcome);
        return outcome;
    }

    private void counted(Sender sender, Outcome outcome) {
        if (outcome.stored()) {
            // the VPN status shows when images last arrived from the site
            arrivals.record(sender.facilityId(), DataChannel.DICOM);
        }
        meters.ingest(IngestChannel.DICOM, outcome.stored() ? IngestOutcome.ACCEPTED : IngestOutcome.REFUSED);
    }

    private Outcome storeChecked(Sender sender, String sopClass, String sopInstance, TransferSyntax syntax,
                                 InputStream dataSet, String study) throws IOException {
        FileStep step = commitFile(sender, sopClass, sopInstance, syntax, dataSet, study, true);
        if (step.done() != null) {
            return step.done();
        }
        Committed committed = step.committed();
        try {
            index.index(sender.facilityId(), sender.label(), committed.instance(), syntax.uid(), committed.size());
        } catch (RuntimeException e) {
            return notIndexed(committed, e);
        }
        return Outcome.stored(committed.instance());
    }

    /**
     * The instances of one upload (a STOW-RS request), stored as {@link #store} stores one, except that they are
     * indexed together when the upload ends ({@link #finish}): each file is durable as soon as its part has arrived,
     * and one database commit serves the whole upload instead of one per instance. Nothing is acknowledged before
     * {@code finish}; an upload that breaks off is {@link #abandon abandoned} and leaves nothing.
     */
    public Upload upload(Sender sender, String study) {
        return new Upload(sender, study);
    }

    /** See {@link #upload}. Not thread-safe: one request's parts arrive one after the other. */
    public final class Upload {
        private final Sender sender;
        private final String study;
        /** One per instance added, in order; {@code null} until its indexing is done. */
        private final List<Outcome> outcomes = new ArrayList<>();
        private final List<Integer> pendingSlots = new ArrayList<>();
        private final List<Committed> pending = new ArrayList<>();
        /** Slot of an instance sent again in this upload → slot of its first pending copy, whose outcome it shares. */
        private final Map<Integer, Integer> repeats = new HashMap<>();
        private final Map<String, Integer> pendingSlotBySop = new HashMap<>();

        private Upload(Sender sender, String study) {
            this.sender = sender;
            this.study = study;
        }

        /** Checks the instance and makes its file durable; its outcome comes from {@link #finish}. */
        public void add(String sopClass, String sopInstance, TransferSyntax syntax, InputStream dataSet)
                throws IOException {
            // who sent an instance indexed before is asked inside the upload's transaction, not per part
            FileStep step = commitFile(sender, sopClass, sopInstance, syntax, dataSet, study, false);
            int slot = outcomes.size();
            outcomes.add(step.done());
            if (step.done() != null) {
                return;
            }
            Integer first = pendingSlotBySop.putIfAbsent(step.committed().instance().sopInstanceUid(), slot);
            if (first != null) {
                // The same instance again shares the first copy's outcome, as a resend does. Filed under the same key
                // its file is the first copy's (a commit never replaces an object); under another key (other study or
                // series UIDs) it is a file nothing will index.
                repeats.put(slot, first);
                removeIfOurs(step.committed());
                return;
            }
            pendingSlots.add(slot);
            pending.add(step.committed());
        }

        /** Indexes what was added, in one transaction; the outcomes in the order the instances were added. */
        public List<Outcome> finish() {
            if (!pending.isEmpty()) {
                List<RuntimeException> refusals;
                try {
                    refusals = index.indexAll(sender.facilityId(), sender.label(), pending.stream()
                            .map(c -> new ImageIndex.Durable(c.instance(), c.syntaxUid(), c.size())).toList());
                } catch (RuntimeException e) {
                    refusals = Collections.nCopies(pending.size(), e);
                }
                for (int i = 0; i < pending.size(); i++) {
                    Committed committed = pending.get(i);
                    RuntimeException refusal = refusals.get(i);
                    outcomes.set(pendingSlots.get(i), refusal == null ? Outcome.stored(committed.instance())
                            : notIndexed(committed, refusal));
                }
                pending.clear();
            }
            repeats.forEach((slot, first) -> outcomes.set(slot, outcomes.get(first)));
            for (Outcome outcome : outcomes) {
                counted(sender, outcome);
            }
            return List.copyOf(outcomes);
        }

        /** The upload broke off: the files of instances not yet indexed are removed, nothing is indexed. */
        public void abandon() {
            pending.forEach(InstanceStore.this::removeIfOurs);
            pending.clear();
        }
    }

    /** Either the outcome is known after the file step ({@code done}), or the file is committed and awaits its index. */
    private record FileStep(Outcome done, Committed committed) {
    }

    /** A durable file not yet indexed; {@code existed} when the object was there before (then it is not ours). */
    private record Committed(ReceivedInstance instance, String syntaxUid, long size, boolean existed) {
    }

    /**
     * Stages, checks and commits the instance's file. With {@code askOwner}, an instance indexed before is settled
     * here (the same facility's: stored; another's: refused) without touching the file.
     */
    private FileStep commitFile(Sender sender, String sopClass, String sopInstance, TransferSyntax syntax,
                                InputStream dataSet, String study, boolean askOwner) throws IOException {
        if (!facilities.isActive(sender.facilityId())) {
            return done(Outcome.refused(Dimse.REFUSED_NOT_AUTHORIZED,
                    "facility of " + sender.label() + " is not active"));
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
                return done(Outcome.refused(Dimse.CANNOT_UNDERSTAND, "malformed data set: " + e.getMessage()));
            } catch (ReceivedInstance.Unacceptable e) {
                return done(Outcome.refused(Dimse.CANNOT_UNDERSTAND, e.getMessage()));
            }
            if (!instance.sopInstanceUid().equals(sopInstance) || !instance.sopClassUid().equals(sopClass)) {
                return done(Outcome.refused(Dimse.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                        "SOP class/instance in the data set differ from the declared ones"));
            }
            if (study != null && !study.equals(instance.studyUid())) {
                return done(Outcome.refused(Dimse.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, "instance belongs to study "
                        + instance.studyUid() + ", not to the study " + study + " it was sent to"));
            }
            String owner = askOwner ? index.ownerOfInstance(sopInstance).orElse(null) : null;
            if (owner != null) {
                return done(owner.equals(sender.facilityId()) ? Outcome.stored(instance)
                        : Outcome.refused(Dimse.REFUSED_NOT_AUTHORIZED, "instance was sent by another facility"));
            }
            boolean existed = store.exists(instance.storageKey());
            staged.commit(instance.storageKey());
            return new FileStep(null, new Committed(instance, syntax.uid(), staged.size(), existed));
        }
    }

    private static FileStep done(Outcome outcome) {
        return new FileStep(outcome, null);
    }

    /** The index refused the instance or failed: its file goes unless it was there before. */
    private Outcome notIndexed(Committed committed, RuntimeException e) {
        removeIfOurs(committed);
        if (e instanceof ImageIndex.Conflict conflict) {
            return Outcome.refused(conflict.otherFacility() ? Dimse.REFUSED_NOT_AUTHORIZED : Dimse.CANNOT_UNDERSTAND,
                    conflict.getMessage());
        }
        log.error("Indexing instance {} failed", committed.instance().sopInstanceUid(), e);
        return Outcome.refused(Dimse.OUT_OF_RESOURCES, "the hub could not index the instance");
    }

    /** A file left behind is invisible (nothing indexes it) but takes space: said in the log. */
    private void removeIfOurs(Committed committed) {
        if (committed.existed()) {
            return;
        }
        try {
            store.delete(committed.instance().storageKey());
        } catch (IOException e) {
            log.warn("Could not remove the unindexed file of instance {}: {}", committed.instance().sopInstanceUid(),
                    e.toString());
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
