package jp.renkei.hub.vpn.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jp.renkei.hub.core.pki.Device;
import jp.renkei.hub.core.pki.DeviceCertificate;
import jp.renkei.hub.core.pki.DeviceKind;
import org.junit.jupiter.api.Test;

class CertificateStageTest {

    private static final Instant END = Instant.parse("2027-06-30T15:00:00Z");

    private static CertificateStage at(Clock clock) {
        return CertificateStage.of(END, clock.instant());
    }

    private static Clock before(Duration left) {
        return Clock.fixed(END.minus(left), ZoneOffset.UTC);
    }

    @Test
    void stagesChangeExactlyAtThirtyDaysSevenDaysAndTheEndDate() {
        assertThat(at(before(Duration.ofDays(30).plusSeconds(1)))).isEqualTo(CertificateStage.VALID);
        assertThat(at(before(Duration.ofDays(30)))).isEqualTo(CertificateStage.RENEWAL_DUE);
        assertThat(at(before(Duration.ofDays(7).plusSeconds(1)))).isEqualTo(CertificateStage.RENEWAL_DUE);
        assertThat(at(before(Duration.ofDays(7)))).isEqualTo(CertificateStage.URGENT);
        assertThat(at(before(Duration.ofSeconds(1)))).isEqualTo(CertificateStage.URGENT);
        assertThat(at(before(Duration.ZERO))).isEqualTo(CertificateStage.EXPIRED);
        assertThat(at(before(Duration.ofDays(-400)))).isEqualTo(CertificateStage.EXPIRED);
    }

    @Test
    void renewalIsOfferedFromThirtyDaysBeforeTheEndAndAfterIt() {
        assertThat(CertificateStage.VALID.renewalOffered()).isFalse();
        assertThat(CertificateStage.RENEWAL_DUE.renewalOffered()).isTrue();
        assertThat(CertificateStage.URGENT.renewalOffered()).isTrue();
        assertThat(CertificateStage.EXPIRED.renewalOffered()).isTrue();
    }

    @Test
    void aDevicesStateCountsWholeDaysLeftAndIsInvalidOnceExpired() {
        Device router = new Device(UUID.randomUUID(), "f1", "vpn-router", DeviceKind.VPN_ROUTER, Device.Status.ACTIVE,
                END.minus(Duration.ofDays(397)), "test", new DeviceCertificate("0a1b", "CN=x", END.minus(Duration.ofDays(397)),
                END, DeviceCertificate.Status.ISSUED, null, null));
        CertificateState due = CertificateState.of(router, END.minus(Duration.ofDays(12)).minusSeconds(3600));
        assertThat(due).isEqualTo(new CertificateState("vpn-router", "0a1b", END, CertificateStage.RENEWAL_DUE, 12));
        assertThat(due.valid()).isTrue();
        CertificateState expired = CertificateState.of(router, END.plus(Duration.ofHours(1)));
        assertThat(expired.stage()).isEqualTo(CertificateStage.EXPIRED);
        assertThat(expired.daysLeft()).isEqualTo(-1);
        assertThat(expired.valid()).isFalse();
    }
}
