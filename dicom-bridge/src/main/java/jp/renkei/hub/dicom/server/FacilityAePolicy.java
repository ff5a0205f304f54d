package jp.renkei.hub.dicom.server;

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
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceIdentity;
import jp.renkei.hub.dicom.net.AssociationRequester;
import jp.renkei.hub.dicom.net.Association;
import jp.renkei.hub.dicom.net.AssociationPolicy;
import jp.renkei.hub.dicom.net.Rejection;
import jp.renkei.hub.dicom.store.DicomPeer;
import jp.renkei.hub.dicom.store.ImagingStudyPublisher;

/**
 * Who may associate with the hub: the called AE title must be the hub's, the calling AE title must be registered
 * to a facility in the facility registry, that facility must be ACTIVE, and the AE title must be vouched for by
 * where the association comes from: over plain TCP from inside the facility's VPN site prefixes
 * ({@link SiteBinding}); over DICOM TLS by the client certificate, which must be a current device certificate of
 * that same facility ({@link DeviceCertificates}), whatever the source address. Every decision is audited. When an
 * association ends, the ImagingStudies of the studies it added to are written and what it stored is audited.
 */
final class FacilityAePolicy implements AssociationPolicy {

    private final String hubAeTitle;
    private final FacilityRegistry facilities;
    private final AuditTrail audit;
    private final ImagingStudyPublisher publisher;
    private final SiteBinding binding;
    private final DeviceCertificates devices;

    FacilityAePolicy(String hubAeTitle, FacilityRegistry facilities, AuditTrail audit, ImagingStudyPublisher publisher,
                     SiteBinding binding, DeviceCertificates devices) {
        this.hubAeTitle = hubAeTitle;
        this.facilities = facilities;
        this.audit = audit;
        this.publisher = publisher;
        this.binding = binding;
        this.devices = devices;
    }

    @Override
    public Admission admit(AssociationRequester requester) {
        String callingAeTitle = requester.callingAeTitle();
        String calledAeTitle = requester.calledAeTitle();
        Admission admission = decide(requester);
        String facilityId = admission.accepted() ? ((DicomPeer) admission.peer()).facilityId()
                : facilityOf(callingAeTitle).map(Facility::id).orElse(null);
        audit.record(new AuditEntry("SYSTEM", actorId(callingAeTitle), facilityId, Set.of(), null,
                AuditAction.AUTHENTICATE, "DICOM " + (requester.overTls() ? "TLS " : "") + "association " + callingAeTitle
                        + " -> " + calledAeTitle,
                admission.accepted() ? AuditOutcome.SUCCESS : AuditOutcome.DENIED, 0, null,
                requester.address().getHostAddress(), admission.accepted() ? "accepted" : admission.rejection().explanation()));
        return admission;
    }

    private Admission decide(AssociationRequester requester) {
        String callingAeTitle = requester.callingAeTitle();
        String calledAeTitle = requester.calledAeTitle();
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
        // An AE title is no credential: it counts only with the facility's certificate or from inside its VPN site.
        if (requester.overTls()) {
            Optional<String> notVouched = certificateRefusal(facility.get(), requester);
            if (notVouched.isPresent()) {
                return Admission.reject(Rejection.callingAeNotRecognized(Rejection.PERMANENT, "calling AE title '"
                        + callingAeTitle + "' is bound to its facility's certificates: " + notVouched.get()));
            }
            return Admission.accept(new DicomPeer(facility.get().id(), callingAeTitle));
        }
        Optional<String> outside = binding.refusal(facility.get().id(), requester.address());
        if (outside.isPresent()) {
            return Admission.reject(Rejection.callingAeNotRecognized(Rejection.PERMANENT, "calling AE title '"
                    + callingAeTitle + "' is bound to its facility's site: " + outside.get()));
        }
        return Admission.accept(new DicomPeer(facility.get().id(), callingAeTitle));
    }

    /** Why the TLS client certificate does not vouch for the facility's AE title; empty when it does. */
    private Optional<String> certificateRefusal(Facility facility, AssociationRequester requester) {
        String serial = requester.certificate().orElseThrow().getSerialNumber().toString(16);
        // Asked per association, so a revoked or superseded certificate counts no more at once.
        Optional<DeviceIdentity> device = devices.authenticate(requester.certificate().get());
        if (device.isEmpty()) {
            return Optional.of("client certificate " + serial + " is not a current device certificate of the hub"
                    + " (revoked, superseded or unknown)");
        }
        if (!device.get().facilityId().equals(facility.id())) {
            return Optional.of("client certificate " + serial + " was issued to facility " + device.get().facilityId()
                    + ", not to facility " + facility.id());
        }
        return Optional.empty();
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
