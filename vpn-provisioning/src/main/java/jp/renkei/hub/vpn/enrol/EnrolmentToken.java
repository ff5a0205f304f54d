package jp.renkei.hub.vpn.enrol;

import java.time.Instant;

/** A new enrolment token, shown once to the facility admin who asked for it; the hub keeps only its hash. */
public record EnrolmentToken(String facilityId, String token, Instant expiresAt) {
}
