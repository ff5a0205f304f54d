package jp.renkei.hub.vpn.expiry;

import java.time.Duration;
import java.time.Instant;

import jp.renkei.hub.core.pki.Device;

/**
 * A device's current certificate and where it stands at {@code now}.
 *
 * @param device   the device's name in the registry (e.g. {@code vpn-router}, a gateway's name)
 * @param daysLeft whole days until the end date; negative once expired
 */
public record CertificateState(String device, String serial, Instant notAfter, CertificateStage stage, long daysLeft) {

    /** The state of the device's latest certificate (the caller made sure it has one). */
    public static CertificateState of(Device device, Instant now) {
        Instant notAfter = device.certificate().notAfter();
        return new CertificateState(device.name(), device.certificate().serial(), notAfter,
                CertificateStage.of(notAfter, now), Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400));
    }

    public boolean valid() {
        return stage != CertificateStage.EXPIRED;
    }
}
