package jp.renkei.hub.core.pki;

import java.time.Instant;
import java.util.UUID;

/**
 * A registered facility system and its most recent certificate.
 *
 * @param certificate the latest certificate issued for the device (the usable one while the device is active)
 */
public record Device(UUID deviceId, String facilityId, String name, DeviceKind kind, Status status,
                     Instant createdAt, String createdBy, DeviceCertificate certificate) {

    public enum Status { ACTIVE, REVOKED }
}
