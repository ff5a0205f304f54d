package jp.renkei.hub.vpn.status;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jp.renkei.hub.vpn.enrol.RetiringCertificate;
import jp.renkei.hub.vpn.expiry.CertificateState;

/**
 * A site's tunnel, certificates, last data and onboarding checklist, as the operator and the site's administrators
 * see them.
 *
 * @param state               ESTABLISHED (IKE SA up and a CHILD SA installed), CONNECTING, DOWN, or NOT_CONFIGURED
 *                            (no router certificate or facility not ACTIVE: the hub has no connection for it)
 * @param since               when the IKE SA was established, if it is
 * @param routerCertificate   the router's current certificate and its expiry stage; null without one
 * @param retiringRouterCertificates a renewed router's previous certificates, valid until the switch
 * @param gatewayCertificates the facility's active gateways' current client certificates
 * @param lastIngestAt        when ingest data (SS-MIX2, HL7 over MLLP, JAHIS) last arrived from the facility
 * @param lastDicomAt         when a DICOM instance last arrived from the facility
 */
public record SiteTunnelStatus(String facilityId, String facilityName, String connection, State state, Instant since,
                               long bytesIn, long bytesOut, CertificateState routerCertificate,
                               List<RetiringCertificate> retiringRouterCertificates,
                               List<CertificateState> gatewayCertificates, Instant lastIngestAt, Instant lastDicomAt,
                               OnboardingChecklist checklist) {

    public enum State { ESTABLISHED, CONNECTING, DOWN, NOT_CONFIGURED }

    public SiteTunnelStatus {
        retiringRouterCertificates = List.copyOf(retiringRouterCertificates);
        gatewayCertificates = List.copyOf(gatewayCertificates);
    }

    /** When the router's current certificate expires, if it has one. */
    @JsonProperty("certificateNotAfter")
    public Instant certificateNotAfter() {
        return routerCertificate == null ? null : routerCertificate.notAfter();
    }

    /** Whether the router certificate's renewal is offered (30 days or less left, or expired). */
    @JsonProperty("renewalDue")
    public boolean renewalDue() {
        return routerCertificate != null && routerCertificate.stage().renewalOffered();
    }

    /** Whether any certificate of the site (router or gateway) is due for renewal or expired: flagged to operators. */
    @JsonProperty("certificateAttention")
    public boolean certificateAttention() {
        return renewalDue() || gatewayCertificates.stream().anyMatch(c -> c.stage().renewalOffered());
    }
}
