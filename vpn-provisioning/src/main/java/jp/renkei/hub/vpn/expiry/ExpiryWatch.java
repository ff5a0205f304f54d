package jp.renkei.hub.vpn.expiry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.renkei.hub.core.audit.AuditAction;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.notice.OperatorNotice;
import jp.renkei.hub.core.notice.OperatorNotices;
import jp.renkei.hub.vpn.enrol.RouterRenewal;
import jp.renkei.hub.vpn.site.Site;
import jp.renkei.hub.vpn.site.Sites;
import org.springframework.stereotype.Service;

/**
 * The scheduled certificate check of every VPN site: warns the operators once per certificate and threshold (30
 * days, 7 days, expired) with a notice in the operators' notice list (topic {@value #TOPIC}) and an audit entry,
 * and revokes renewed routers' previous certificates whose overlap has ended. Checks the router's certificate and
 * the facility's gateway client certificates.
 */
@Service
public class ExpiryWatch {

    /** The operator notice topic of the VPN. */
    public static final String TOPIC = "vpn";
    static final String SYSTEM_ACTOR = "system:vpn-expiry-watch";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Tokyo"));

    private final Sites sites;
    private final SiteCertificates certificates;
    private final RouterRenewal renewal;
    private final OperatorNotices notices;
    private final AuditTrail audit;
    private final Clock clock;

    ExpiryWatch(Sites sites, SiteCertificates certificates, RouterRenewal renewal, OperatorNotices notices,
                AuditTrail audit, Clock clock) {
        this.sites = sites;
        this.certificates = certificates;
        this.renewal = renewal;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    /** One run at the clock's now; returns the notices it raised (none for a threshold already warned about). */
    public List<OperatorNotice> run() {
        Instant now = clock.instant();
        renewal.retireDue(now);
        List<OperatorNotice> raised = new ArrayList<>();
        for (Site site : sites.list()) {
            Optional<CertificateState> router = certificates.routerState(site.facilityId(), now);
            router.flatMap(state -> warn(site, state, "VPN ルーター証明書", "施設管理者に VPN 画面からの更新を依頼してください"))
                    .ifPresent(raised::add);
            for (CertificateState gateway : certificates.gatewayStates(site.facilityId(), now)) {
                warn(site, gateway, "ゲートウェイ「" + gateway.device() + "」のクライアント証明書",
                        "施設管理者に機器登録での証明書の再発行を依頼してください").ifPresent(raised::add);
            }
        }
        return raised;
    }

    private Optional<OperatorNotice> warn(Site site, CertificateState certificate, String what, String action) {
        if (certificate.stage() == CertificateStage.VALID) {
            return Optional.empty();
        }
        String when = DATE.format(certificate.notAfter());
        String message = switch (certificate.stage()) {
            case EXPIRED -> "%s (%s) の%s (シリアル %s) は %s に有効期限が切れました。%s。";
            case URGENT -> "%s (%s) の%s (シリアル %s) は %s に有効期限が切れます (7 日以内)。至急%s。";
            default -> "%s (%s) の%s (シリアル %s) は %s に有効期限が切れます (30 日以内)。%s。";
        };
        message = message.formatted(site.facilityName(), site.facilityId(), what, certificate.serial(), when, action);
        OperatorNotice.Severity severity = certificate.stage() == CertificateStage.RENEWAL_DUE
                ? OperatorNotice.Severity.WARNING : OperatorNotice.Severity.CRITICAL;
        Optional<OperatorNotice> notice = notices.raise("vpn-certificate:" + certificate.serial() + ":"
                + certificate.stage(), TOPIC, site.facilityId(), severity, message);
        notice.ifPresent(n -> audit.record(new AuditEntry("SYSTEM", SYSTEM_ACTOR, site.facilityId(), Set.of(), null,
                AuditAction.EXECUTE, "vpn-certificate/" + certificate.serial(), AuditOutcome.SUCCESS, 0, null, null,
                "certificate expiry warning " + certificate.stage() + " (" + certificate.device() + ", not after "
                        + certificate.notAfter() + "): operator notice " + n.id())));
        return notice;
    }
}
