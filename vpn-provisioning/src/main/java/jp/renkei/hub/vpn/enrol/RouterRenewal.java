package jp.renkei.hub.vpn.enrol;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.pki.Device;
import jp.renkei.hub.core.pki.DeviceCertificate;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.IssuedDeviceCertificate;
import jp.renkei.hub.core.pki.RevocationReason;
import jp.renkei.hub.core.web.ApiException;
import jp.renkei.hub.vpn.VpnProperties;
import jp.renkei.hub.vpn.expiry.CertificateState;
import jp.renkei.hub.vpn.expiry.SiteCertificates;
import jp.renkei.hub.vpn.site.Site;
import jp.renkei.hub.vpn.site.SiteAccess;
import jp.renkei.hub.vpn.site.Sites;
import jp.renkei.hub.vpn.swanctl.VpnConfigurationChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renewal of a site's router certificate from 30 days before its end. Unlike a new enrolment, renewal keeps the
 * previous certificate valid: the router still uses it until someone installs the new one, and revoking it at
 * once would take the site off the network in between. The previous certificate is revoked (superseded, in the
 * CRL) when the site confirms the switch, or by the expiry watch after {@code renkei.vpn.renewal-overlap} from
 * the renewal or at its own end, whichever comes first.
 */
@Service
public class RouterRenewal {

    static final String SYSTEM_ACTOR = "system:vpn-renewal";

    private final Sites sites;
    private final FacilityRegistry facilities;
    private final SiteCertificates certificates;
    private final DeviceCertificates devices;
    private final EnrolmentTokens tokens;
    private final VpnProperties properties;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;

    RouterRenewal(Sites sites, FacilityRegistry facilities, SiteCertificates certificates, DeviceCertificates devices,
                  EnrolmentTokens tokens, VpnProperties properties, ApplicationEventPublisher events, AuditTrail audit,
                  Clock clock) {
        this.sites = sites;
        this.facilities = facilities;
        this.certificates = certificates;
        this.devices = devices;
        this.tokens = tokens;
        this.properties = properties;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** A one-time token with which the router renews its certificate (as {@code POST /api/vpn/enrolment}). */
    @Transactional
    public EnrolmentToken newToken(String facilityId, String actorId) {
        requireOffered(facilityId);
        return tokens.create(facilityId, properties.enrolmentTokenValidity(), actorId, EnrolmentTokens.Purpose.RENEWAL);
    }

    /** Renews the router's certificate from a CSR the facility's administrator submits. */
    @Transactional
    public EnrolmentResult renew(String facilityId, String csrPem, String actorId) {
        Site site = requireOffered(facilityId);
        return issue(site, csrPem, actorId);
    }

    /** Redeems a renewal token (Enrolments has locked it); the same checks as {@link #renew}. */
    EnrolmentResult renew(EnrolmentTokens.Redeemable token, String csrPem) {
        Site site = requireOffered(token.facilityId());
        EnrolmentResult result = issue(site, csrPem, "vpn-renewal:" + token.hash().substring(0, 12));
        tokens.markUsed(token, result.serial());
        return result;
    }

    /**
     * The site has switched to the new certificate: revokes the previous one(s) now.
     *
     * @throws ApiException 404 without a site, 409 when no previous certificate is waiting
     */
    @Transactional
    public List<String> completeSwitch(String facilityId, String actorId) {
        sites.find(facilityId).orElseThrow(() -> SiteAccess.notFound(facilityId));
        Device router = certificates.router(facilityId).orElseThrow(() -> nothingRetiring(facilityId));
        List<String> revoked = new ArrayList<>();
        for (RetiringCertificate old : retiring(router)) {
            if (devices.revokeCertificate(facilityId, router.deviceId(), old.serial(), RevocationReason.SUPERSEDED,
                    actorId)) {
                revoked.add(old.serial());
            }
        }
        if (revoked.isEmpty()) {
            throw nothingRetiring(facilityId);
        }
        events.publishEvent(new VpnConfigurationChanged(facilityId));
        return revoked;
    }

    /** The router's previous certificates still valid after a renewal, oldest first. */
    @Transactional(readOnly = true)
    public List<RetiringCertificate> retiring(String facilityId) {
        return certificates.router(facilityId).map(this::retiring).orElse(List.of());
    }

    /**
     * Revokes every previous router certificate whose overlap has ended at {@code now}; run by the expiry watch.
     *
     * @return the serials revoked
     */
    @Transactional
    public List<String> retireDue(Instant now) {
        List<String> revoked = new ArrayList<>();
        for (Site site : sites.list()) {
            Device router = certificates.router(site.facilityId()).orElse(null);
            if (router == null) {
                continue;
            }
            boolean any = false;
            for (RetiringCertificate old : retiring(router)) {
                if (!now.isBefore(old.retireAt()) && devices.revokeCertificate(site.facilityId(), router.deviceId(),
                        old.serial(), RevocationReason.SUPERSEDED, SYSTEM_ACTOR)) {
                    revoked.add(old.serial());
                    any = true;
                    audit.record(new AuditEntry("SYSTEM", SYSTEM_ACTOR, site.facilityId(), Set.of(), null,
                            AuditAction.UPDATE, "vpn-certificate/" + old.serial(), AuditOutcome.SUCCESS, 0, null, null,
                            "revoked the renewed VPN router's previous certificate " + old.serial()
                                    + " (superseded) at the end of its overlap " + old.retireAt()));
                }
            }
            if (any) {
                events.publishEvent(new VpnConfigurationChanged(site.facilityId()));
            }
        }
        return revoked;
    }

    private List<RetiringCertificate> retiring(Device router) {
        List<DeviceCertificate> all = devices.certificates(router.facilityId(), router.deviceId());
        if (all.size() < 2) {
            return List.of();
        }
        Instant renewedAt = all.get(0).notBefore();
        return all.subList(1, all.size()).stream()
                .filter(c -> c.status() == DeviceCertificate.Status.RETIRING)
                .map(c -> new RetiringCertificate(c.serial(), c.notAfter(),
                        min(renewedAt.plus(properties.renewalOverlap()), c.notAfter())))
                .sorted(Comparator.comparing(RetiringCertificate::notAfter))
                .toList();
    }

    private EnrolmentResult issue(Site site, String csrPem, String actorId) {
        IssuedDeviceCertificate issued = devices.renewVpnRouter(site.facilityId(), Enrolments.ROUTER_DEVICE_NAME,
                site.ikeIdentity(), csrPem, actorId);
        events.publishEvent(new VpnConfigurationChanged(site.facilityId()));
        return new EnrolmentResult(site.facilityId(), site.ikeIdentity(), issued.serial(), issued.notAfter(),
                issued.certificatePem(), issued.caCertificatePem(), properties.hubAddress(), properties.hubIdentity());
    }

    /**
     * The site, if its router's certificate may be renewed now: facility ACTIVE, a current router certificate, and
     * at most 30 days left (or expired).
     */
    private Site requireOffered(String facilityId) {
        Site site = sites.find(facilityId).orElseThrow(() -> SiteAccess.notFound(facilityId));
        Enrolments.requireActive(facilities, facilityId, "VPN ルーター証明書の更新");
        CertificateState router = certificates.routerState(facilityId, clock.instant())
                .orElseThrow(() -> ApiException.conflict("施設 " + facilityId + " の VPN ルーターには有効な証明書が"
                        + "ありません。更新ではなく登録用トークンで登録してください"));
        if (!router.stage().renewalOffered()) {
            throw ApiException.conflict("ルーター証明書 (" + router.serial() + ") の有効期限は " + router.notAfter()
                    + " です。更新は期限の 30 日前からできます");
        }
        return site;
    }

    private static ApiException nothingRetiring(String facilityId) {
        return ApiException.conflict("施設 " + facilityId + " の VPN ルーターに、切り替え待ちの以前の証明書はありません");
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
