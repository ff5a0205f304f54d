package jp.renkei.hub.core.pki;

import java.time.Instant;

/**
 * A client certificate the hub's CA issued to a device.
 *
 * @param serial           lower-case hex serial number, as in the CRL
 * @param subject          RFC 4514 subject, {@code CN=<device id>,OU=<kind>,O=<facility id>}
 * @param revokedAt        when it was revoked, if it was
 * @param revocationReason why it was revoked, if it was
 */
public record DeviceCertificate(String serial, String subject, Instant notBefore, Instant notAfter, Status status,
                                Instant revokedAt, RevocationReason revocationReason) {

    public enum Status {
        /** The device's current certificate. */
        ISSUED,
        /**
         * Replaced by a renewal but not revoked yet (VPN routers only, {@link DeviceCertificates#renewVpnRouter}):
         * still valid for IKE, never for the hub's TLS authentication.
         */
        RETIRING,
        REVOKED
    }
}
