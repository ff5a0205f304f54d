package jp.renkei.hub.core.pki;

import java.time.Clock;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the hub's HTTPS listener its key material before the web server is created: when {@code renkei.tls.enabled}
 * (default true), makes sure the CA and a current server certificate exist in {@code ${renkei.home}/pki} and
 * defines the SSL bundle {@code hub} on them (server key and certificate; the CA as trust for client
 * certificates). The bundle properties are added with the lowest precedence, so any explicit configuration of
 * the same bundle wins.
 */
public class PkiBootstrap implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE = "renkeiHubPki";
    public static final String BUNDLE = "spring.ssl.bundle.pem.hub";

    private final Log log;

    public PkiBootstrap(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(PkiBootstrap.class);
    }

    /** After the configuration files are read, so {@code renkei.*} set in application.yml counts. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        PkiSettings settings = PkiSettings.from(environment);
        if (!settings.tlsEnabled() || environment.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        HubCertificateAuthority ca = HubCertificateAuthority.open(settings, Clock.systemUTC());
        HubServerCertificate.ensureCurrent(ca, settings.tlsHostNames()).ifPresent(reason -> log.info(
                "Issued the hub's TLS server certificate for " + settings.tlsHostNames() + " because " + reason));
        PkiDirectory directory = ca.directory();
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, Map.of(
                BUNDLE + ".keystore.certificate", directory.serverCertificate().toUri().toString(),
                BUNDLE + ".keystore.private-key", directory.serverKey().toUri().toString(),
                BUNDLE + ".truststore.certificate", directory.caCertificate().toUri().toString())));
    }
}
