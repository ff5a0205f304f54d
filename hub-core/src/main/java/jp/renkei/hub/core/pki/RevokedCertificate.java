package jp.renkei.hub.core.pki;

import java.math.BigInteger;
import java.time.Instant;

/** One entry of the CRL. */
record RevokedCertificate(BigInteger serial, Instant revokedAt, RevocationReason reason) {
}
