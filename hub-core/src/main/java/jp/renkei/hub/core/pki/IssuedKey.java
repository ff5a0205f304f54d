package jp.renkei.hub.core.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A key pair the hub generated for itself, with the certificate its CA issued for it. */
public record IssuedKey(PrivateKey privateKey, X509Certificate certificate) {
}
