package jp.renkei.hub.vpn.expiry;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a certificate stands towards its end date. Each stage after {@link #VALID} is one threshold the operators
 * are warned at, once per certificate.
 */
public enum CertificateStage {
    /** More than 30 days left. */
    VALID,
    /** 30 days or less left: renewal is offered. */
    RENEWAL_DUE,
    /** 7 days or less left. */
    URGENT,
    /** Its end date has passed: strongSwan and TLS refuse it. */
    EXPIRED;

    /** Renewal is offered this long before the end date. */
    public static final Duration RENEWAL_NOTICE = Duration.ofDays(30);
    /** From this long before the end date the warning is urgent. */
    public static final Duration URGENT_NOTICE = Duration.ofDays(7);

    public static CertificateStage of(Instant notAfter, Instant now) {
        if (!now.isBefore(notAfter)) {
            return EXPIRED;
        }
        if (!now.plus(URGENT_NOTICE).isBefore(notAfter)) {
            return URGENT;
        }
        if (!now.plus(RENEWAL_NOTICE).isBefore(notAfter)) {
            return RENEWAL_DUE;
        }
        return VALID;
    }

    /** Whether the certificate should be renewed now. */
    public boolean renewalOffered() {
        return this != VALID;
    }
}
