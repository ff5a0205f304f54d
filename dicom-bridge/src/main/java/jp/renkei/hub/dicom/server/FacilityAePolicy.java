package jp.renkei.hub.dicom.server;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.facility.AeTitle;
import jp.renkei.hub.core.facility.Facility;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.facility.FacilityStatus;
import jp.renkei.hub.core.network.SiteBinding;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.AssociationPolicy;
import jp.renkei.hub.dicom.net.Rejection;
import jp.renkei.hub.dicom.store.DicomPeer;
import jp.renkei.hub.dicom.store.ImagingStudyPublisher;

/**
 * Who may associate with the hub: the called AE title must be the hub's, the calling AE title must be registered
 * to a facility in the facility registry, that facility must be ACTIVE, and the association must come from inside
 * the facility's VPN site prefixes ({@link SiteBinding}). Every decision is audited. When an
 * association ends, the ImagingStudies of the studies it added to are written and what it stored is audited.
 */
final class FacilityAePolicy implements AssociationPolicy {

    private final String hubAeTitle;
    private final FacilityRegistry facilities;
    private final AuditTrail audit;
    private final ImagingStudyPublisher publisher;
    private final SiteBinding binding;

    FacilityAePolicy(String hubAeTitle, FacilityRegistry facilities, AuditTrail audit, ImagingStudyPublisher publisher,
                     SiteBinding binding) {
        this.hubAeTitle = hubAeTitle;
        this.facilities = facilities;
        this.audit = audit;
        this.publisher = publisher;
        this.binding = binding;
    }

    @Override
    public Admission admit(String callingAeTitle, String calledAeTitle, InetAddress peerAddress) {
        Admission admission = decide(callingAeTitle, calledAeTitle, peerAddress);
        String facilityId = admission.accepted() ? ((DicomPeer) admission.peer()).facilityId()
                : facilityOf(callingAeTitle).map(Facility::id).orElse(null);
        audit.record(new AuditEntry("SYSTEM", actorId(callingAeTitle), facilityId, Set.of(), null,
                AuditAction.AUTHENTICATE, "DICOM association " + callingAeTitle + " -> " + calledAeTitle,
                admission.accepted() ? AuditOutcome.SUCCESS : AuditOutcome.DENIED, 0, null,
                peerAddress.getHostAddress(), admission.accepted() ? "accepted" : admission.rejection().explanation()));
        return admission;
    }

    private Admission decide(String callingAeTitle, String calledAeTitle, InetAddress peerAddress) {
        if (!hubAeTitle.equals(calledAeTitle)) {
            return Admission.reject(Rejection.calledAeNotRecognized("called AE title '" + calledAeTitle
                    + "' is not the hub's"));
        }
        Optional<Facility> facility = facilityOf(callingAeTitle);
        if (facility.isEmpty()) {
            return Admission.reject(Rejection.callingAeNotRecognized(Rejection.PERMANENT, "calling AE title '"
                    + callingAeTitle + "' is not registered to any facility"));
        }
        FacilityStatus status = facility.get().status();
        if (status != FacilityStatus.ACTIVE) {
            // A suspended facility may be resumed (transient); any other inactive status will not change by retrying.
            int result = status == FacilityStatus.SUSPENDED ? Rejection.TRANSIENT : Rejection.PERMANENT;
            return Admission.reject(Rejection.callingAeNotRecognized(result, "facility " + facility.get().id()
                    + " of calling AE title '" + callingAeTitle + "' is " + status + ", not ACTIVE"));
        }
        // An AE title is no credential: it counts only from inside the facility's VPN site.
        Optional<String> outside = binding.refusal(facility.get().id(), peerAddress);
        if (outside.isPresent()) {
            return Admission.reject(Rejection.callingAeNotRecognized(Rejection.PERMANENT, "calling AE title '"
                    + callingAeTitle + "' is bound to its facility's site: " + outside.get()));
        }
        return Admission.accept(new DicomPeer(facility.get().id(), callingAeTitle));
    }

    private Optional<Facility> facilityOf(String aeTitle) {
        if (aeTitle == null || !aeTitle.matches(AeTitle.PATTERN)) {
            return Optional.empty();
        }
        return facilities.findByAeTitle(new AeTitle(aeTitle));
    }

    @Override
    public void ending(Association association, boolean released) {
        DicomPeer peer = (DicomPeer) association.peer();
        publisher.publish(peer.touchedStudies());
        if (peer.storedCount() > 0 || peer.refusedCount() > 0) {
            audit.record(new AuditEntry("SYSTEM", actorId(peer.aeTitle()), peer.facilityId(), Set.of(), null,
                    AuditAction.CREATE, "DICOM C-STORE", peer.refusedCount() == 0 ? AuditOutcome.SUCCESS
                    : AuditOutcome.FAILED, 0, null, association.peerAddress().getHostAddress(),
                    "stored " + peer.storedCount() + " instance(s) of studies " + peer.touchedStudies() + ", refused "
                            + peer.refusedCount() + (released ? "" : "; association aborted")));
        }
    }

    static String actorId(String aeTitle) {
        return DicomPeer.actorId(aeTitle);
    }
}
