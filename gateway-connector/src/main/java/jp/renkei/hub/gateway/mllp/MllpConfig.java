package jp.renkei.hub.gateway.mllp;

import java.io.IOException;
import java.io.UncheckedIOException;

import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.monitoring.HubMeters;
import jp.renkei.hub.core.network.SiteBinding;
import jp.renkei.hub.core.network.SiteNetworks;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import jp.renkei.hub.gateway.ss2.Hl7MessageIngest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MLLP listener in the hub, when {@code renkei.gateway.mllp.enabled}: the hub's TLS key and CA (SSL bundle
 * {@code hub}, as HTTPS), senders authenticated by {@link DeviceCertificates} (active GATEWAY devices of active
 * facilities) from inside their facility's VPN site ({@link MllpSources}), messages handed to
 * {@link Hl7MessageIngest}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MllpSettings.class)
@ConditionalOnProperty(prefix = "renkei.gateway.mllp", name = "enabled", havingValue = "true")
public class MllpConfig {

    public static final String SSL_BUNDLE = "hub";

    @Bean
    MllpSenders mllpSenders(DeviceCertificates devices, FacilityRegistry facilities) {
        return certificate -> devices.authenticate(certificate)
                .filter(device -> device.kind() == DeviceKind.GATEWAY)
                .map(device -> device.facilityId())
                .filter(facilities::isActive);
    }

    @Bean
    MllpListener mllpListener(MllpSettings settings, SslBundles bundles, MllpSenders senders,
                              Hl7MessageIngest ingest, ObjectProvider<SiteNetworks> siteNetworks, AuditTrail audit,
                              HubMeters meters) {
        SslBundle bundle = bundles.getBundle(SSL_BUNDLE);
        MllpSources sources = new MllpSources(new SiteBinding(siteNetworks.getIfAvailable(() -> SiteNetworks.NONE),
                settings.bindToSite(), settings.allowFacilitiesWithoutSite()), audit);
        return new MllpListener(new MllpServer(settings, bundle.getManagers().getKeyManagerFactory(),
                bundle.getManagers().getTrustManagerFactory(), senders, sources, new MeteredReceiver(ingest::receive, meters)));
    }

    /** Runs the server with the application context. */
    public static final class MllpListener implements SmartLifecycle {

        private final MllpServer server;
        private volatile boolean running;

        MllpListener(MllpServer server) {
            this.server = server;
        }

        public int port() {
            return server.port();
        }

        @Override
        public void start() {
            try {
                server.start();
                running = true;
            } catch (IOException e) {
                throw new UncheckedIOException("the MLLP listener cannot open its port", e);
            }
        }

        @Override
        public void stop() {
            server.stop();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
