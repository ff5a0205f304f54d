package jp.renkei.hub.core.pki;

import java.time.Instant;
import java.util.UUID;

/** What a site gets back when a certificate is issued: the certificate, and the CA to trust the hub by. */
public record IssuedDeviceCertificate(UUID deviceId, String serial, Instant notAfter, String certificatePem,
                                      String caCertificatePem) {
}
