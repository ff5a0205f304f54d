package jp.renkei.hub.core.pki;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/**
 * The hub's TLS server key and certificate, {@code server.key} and {@code server.crt} beside the CA. Kept as long
 * as they are usable; re-issued when missing, broken, not from the current CA, close to expiry, or naming other
 * hosts than configured.
 */
final class HubServerCertificate {

    /** Renewed this long before expiry, so a hub restarted now and then never serves an expired certificate. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private HubServerCertificate() {
    }

    /** Makes the files current; returns why a new certificate was issued, or empty when the existing one was kept. */
    static Optional<String> ensureCurrent(HubCertificateAuthority ca, List<String> hostNames) {
        Optional<String> reason = reasonToReissue(ca, hostNames);
        reason.ifPresent(why -> {
            PkiDirectory directory = ca.directory();
            IssuedKey issued = ca.issueServerCertificate(hostNames);
            directory.writePrivateKey(directory.serverKey(), issued.privateKey());
            directory.writeCertificate(directory.serverCertificate(), issued.certificate());
        });
        return reason;
    }

    private static Optional<String> reasonToReissue(HubCertificateAuthority ca, List<String> hostNames) {
        PkiDirectory directory = ca.directory();
        if (!Files.exists(directory.serverKey()) || !Files.exists(directory.serverCertificate())) {
            return Optional.of("server.key or server.crt is missing");
        }
        X509Certificate certificate;
        PrivateKey key;
        try {
            certificate = directory.readCertificate(directory.serverCertificate());
            key = directory.readPrivateKey(directory.serverKey());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return Optional.of("server.key or server.crt is unreadable (" + e.getMessage() + ")");
        }
        if (!HubCertificateAuthority.keyMatches(key, certificate.getPublicKey())) {
            return Optional.of("server.key does not belong to server.crt");
        }
        if (!ca.vouchesFor(certificate)) {
            return Optional.of("server.crt is not valid under the current hub CA");
        }
        if (certificate.getNotAfter().toInstant().isBefore(ca.now().plus(RENEW_BEFORE))) {
            return Optional.of("server.crt expires on " + certificate.getNotAfter().toInstant());
        }
        Set<GeneralName> configured = new HashSet<>(List.of(HubCertificateAuthority.hostNameSans(hostNames).getNames()));
        if (!subjectAlternativeNames(certificate).equals(configured)) {
            return Optional.of("server.crt names other hosts than renkei.tls.host-names " + hostNames);
        }
        return Optional.empty();
    }

    private static Set<GeneralName> subjectAlternativeNames(X509Certificate certificate) {
        try {
            GeneralNames names = GeneralNames.fromExtensions(
                    new JcaX509CertificateHolder(certificate).getExtensions(), Extension.subjectAlternativeName);
            return names == null ? Set.of() : new HashSet<>(List.of(names.getNames()));
        } catch (CertificateEncodingException e) {
            return Set.of();
        }
    }
}
