package jp.renkei.hub.app.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jp.renkei.hub.core.pki.HubCertificateAuthority;
import jp.renkei.hub.core.pki.PkiSettings;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code pki}: the hub CA's directory ({@code ${renkei.home}/pki}) holds a readable CA key and certificate, and
 * neither the CA certificate nor the hub's server certificate there (when the hub made one) has expired: device
 * certificates, the CRL and the next start's TLS depend on them.
 */
@Component
class PkiHealthIndicator implements HealthIndicator {

    private static final List<String> FILES = List.of("ca.crt", "ca.key");

    private final PkiSettings settings;
    private final HubCertificateAuthority ca;
    private final Clock clock;

    PkiHealthIndicator(PkiSettings settings, HubCertificateAuthority ca, Clock clock) {
        this.settings = settings;
        this.ca = ca;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Path directory = settings.home().resolve("pki");
        for (String name : FILES) {
            if (!Files.isReadable(directory.resolve(name))) {
                return new Verdict("the hub CA directory " + directory + " lacks a readable " + name,
                        "認証局ディレクトリ " + directory + " に読み取り可能な " + name + " がありません").down().build();
            }
        }
        Instant now = clock.instant();
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        Path serverCertificate = directory.resolve("server.crt");
        // a server certificate of one's own (spring.ssl.bundle.pem.hub) is not in this directory
        Instant serverNotAfter = caNotAfter;
        if (Files.exists(serverCertificate)) {
            try (InputStream in = Files.newInputStream(serverCertificate)) {
                serverNotAfter = ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
                        .getNotAfter().toInstant();
            } catch (IOException | GeneralSecurityException e) {
                return new Verdict("the server certificate in " + directory + " cannot be read: " + e.getMessage(),
                        "サーバー証明書を読み込めません（" + e.getMessage() + "）").down().build();
            }
        }
        if (caNotAfter.isBefore(now) || serverNotAfter.isBefore(now)) {
            return new Verdict("a hub certificate has expired (CA until " + caNotAfter + ", server until "
                    + serverNotAfter + ")", "ハブの証明書の有効期限が切れています（認証局 " + caNotAfter + "、サーバー "
                    + serverNotAfter + "）").down().build();
        }
        return Health.up().withDetail("directory", directory.toString())
                .withDetail("caNotAfter", caNotAfter.toString()).withDetail("serverNotAfter", serverNotAfter.toString())
                .build();
    }
}
