package jp.renkei.hub.dicom.store;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.Requester;

/**
 * The facility behind an admitted association, and what the association did: the studies it added instances to
 * (their ImagingStudy is written when it ends) and its counts for the audit trail.
 */
public final class DicomPeer {

    private final String facilityId;
    private final String aeTitle;
    private final Set<String> touchedStudies = ConcurrentHashMap.newKeySet();
    private final AtomicInteger stored = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public DicomPeer(String facilityId, String aeTitle) {
        this.facilityId = facilityId;
        this.aeTitle = aeTitle;
    }

    public String facilityId() {
        return facilityId;
    }

    public String aeTitle() {
        return aeTitle;
    }

    /**
     * The facility's imaging system as the requester of access decisions and audit entries. DIMSE carries no
     * purpose of use, and a facility's PACS queries and retrieves for the care of its patients: TREAT.
     */
    public Requester requester() {
        return Requester.system(actorId(aeTitle), aeTitle, facilityId, Set.of(HubRole.PACS_FORWARDER));
    }

    /** The audit trail's actor ID of an AE title. */
    public static String actorId(String aeTitle) {
        return "dicom-ae:" + aeTitle;
    }

    void stored(String studyUid) {
        touchedStudies.add(studyUid);
        stored.incrementAndGet();
    }

    void refused() {
        refused.incrementAndGet();
    }

    public Set<String> touchedStudies() {
        return Set.copyOf(touchedStudies);
    }

    public int storedCount() {
        return stored.get();
    }

    public int refusedCount() {
        return refused.get();
    }
}
