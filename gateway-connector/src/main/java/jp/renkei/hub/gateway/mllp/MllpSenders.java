package jp.renkei.hub.gateway.mllp;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Who may push messages: the facility a client certificate authenticates, if any. Asked during the TLS handshake
 * (an unknown or revoked certificate is refused there) and again before each message (a revocation stops an open
 * connection at its next message).
 */
@FunctionalInterface
public interface MllpSenders {

    /** The sending facility's hub ID, or empty when the certificate is not an active sender's. */
    Optional<String> facilityOf(X509Certificate certificate);
}
