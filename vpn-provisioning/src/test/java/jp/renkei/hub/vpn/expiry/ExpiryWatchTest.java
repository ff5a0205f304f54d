package jp.renkei.hub.vpn.expiry;

import static jp.renkei.hub.vpn.testsupport.VpnFixtures.csr;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.ec;
import static jp.renkei.hub.vpn.testsupport.VpnFixtures.freshPrefixes;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.notice.OperatorNotice;
import jp.renkei.hub.core.notice.OperatorNotices;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import jp.renkei.hub.core.pki.IssuedDeviceCertificate;
import jp.renkei.hub.vpn.enrol.EnrolmentResult;
import jp.renkei.hub.vpn.enrol.Enrolments;
import jp.renkei.hub.vpn.enrol.RouterRenewal;
import jp.renkei.hub.vpn.site.Sites;
import jp.renkei.hub.vpn.testsupport.VpnFixtures;
import jp.renkei.hub.vpn.testsupport.VpnTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The expiry watch on an injected clock: one notice and one audit entry per certificate and threshold. */
@VpnTest
class ExpiryWatchTest {

    @Autowired
    FacilityRegistry registry;
    @Autowired
    Sites sites;
    @Autowired
    Enrolments enrolments;
    @Autowired
    DeviceCertificates devices;
    @Autowired
    SiteCertificates certificates;
    @Autowired
    RouterRenewal renewal;
    @Autowired
    OperatorNotices notices;
    @Autowired
    AuditTrail audit;
    @Autowired
    JdbcClient jdbc;

    private String facility;
    private EnrolmentResult router;
    private IssuedDeviceCertificate gateway;

    @BeforeEach
    void aSiteWithRouterAndGateway() {
        facility = VpnFixtures.activeFacility(registry);
        sites.save(facility, VpnFixtures.site(freshPrefixes()), "test");
        router = enrolments.enrol(enrolments.newToken(facility, "test").token(), csr(ec("secp384r1")));
        gateway = devices.issue(facility, "gw-1", DeviceKind.GATEWAY, csr(ec("secp256r1")), "test");
    }

    private List<OperatorNotice> runAt(Instant at) {
        ExpiryWatch watch = new ExpiryWatch(sites, certificates, renewal, notices, audit, Clock.fixed(at, ZoneOffset.UTC));
        return watch.run().stream().filter(n -> facility.equals(n.facilityId())).toList();
    }

    private int auditEntries() {
        return jdbc.sql("SELECT count(*) FROM hub.audit_event WHERE actor_id = :actor AND facility_id = :facility")
                .param("actor", ExpiryWatch.SYSTEM_ACTOR).param("facility", facility).query(Integer.class).single();
    }

    @Test
    void warnsOncePerCertificateAtThirtyDaysSevenDaysAndTheEnd() {
        Instant end = router.notAfter();
        assertThat(runAt(end.minus(Duration.ofDays(31)))).isEmpty();

        List<OperatorNotice> due = runAt(end.minus(Duration.ofDays(29)));
        assertThat(due).hasSize(2).allSatisfy(n -> {
            assertThat(n.topic()).isEqualTo(ExpiryWatch.TOPIC);
            assertThat(n.severity()).isEqualTo(OperatorNotice.Severity.WARNING);
            assertThat(n.message()).contains("テスト診療所", facility, "30 日以内");
        });
        assertThat(due).extracting(OperatorNotice::message).anySatisfy(m -> assertThat(m).contains("VPN ルーター証明書",
                router.serial())).anySatisfy(m -> assertThat(m).contains("ゲートウェイ「gw-1」", gateway.serial()));
        assertThat(auditEntries()).isEqualTo(2);

        // the next runs before the next threshold raise nothing
        assertThat(runAt(end.minus(Duration.ofDays(29)))).isEmpty();
        assertThat(runAt(end.minus(Duration.ofDays(8)))).isEmpty();
        assertThat(auditEntries()).isEqualTo(2);

        List<OperatorNotice> urgent = runAt(end.minus(Duration.ofDays(6)));
        assertThat(urgent).hasSize(2).allSatisfy(n -> {
            assertThat(n.severity()).isEqualTo(OperatorNotice.Severity.CRITICAL);
            assertThat(n.message()).contains("7 日以内", "至急");
        });
        assertThat(runAt(end.minus(Duration.ofDays(1)))).isEmpty();

        List<OperatorNotice> expired = runAt(end.plus(Duration.ofHours(1)));
        assertThat(expired).hasSize(2).allSatisfy(n -> assertThat(n.message()).contains("有効期限が切れました"));
        assertThat(runAt(end.plus(Duration.ofDays(3)))).isEmpty();

        assertThat(notices.ofFacility(ExpiryWatch.TOPIC, facility)).hasSize(6);
        assertThat(auditEntries()).isEqualTo(6);
    }

    @Test
    void aCertificateFirstSeenAfterItsEndIsWarnedAboutOnlyAsExpiredAndAcknowledgingClosesTheNotice() {
        List<OperatorNotice> expired = runAt(router.notAfter().plus(Duration.ofDays(40)));
        assertThat(expired).hasSize(2).allSatisfy(n -> assertThat(n.message()).contains("有効期限が切れました"));
        OperatorNotice first = expired.get(0);
        assertThat(notices.open(ExpiryWatch.TOPIC)).contains(first);
        assertThat(notices.acknowledge(ExpiryWatch.TOPIC, first.id(), "operator-1")).hasValueSatisfying(n -> {
            assertThat(n.open()).isFalse();
            assertThat(n.acknowledgedBy()).isEqualTo("operator-1");
        });
        assertThat(notices.open(ExpiryWatch.TOPIC)).extracting(OperatorNotice::id).doesNotContain(first.id());
        assertThat(notices.acknowledge(ExpiryWatch.TOPIC, first.id(), "operator-1")).isEmpty();
        // acknowledged is not forgotten: the same threshold is not raised again
        assertThat(runAt(router.notAfter().plus(Duration.ofDays(41)))).isEmpty();
    }
}
