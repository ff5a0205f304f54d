package jp.renkei.hub.dicom.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import jp.renkei.hub.core.audit.AuditTrail;
import jp.renkei.hub.core.arrival.DataArrivals;
import jp.renkei.hub.core.monitoring.HubMeters;
import jp.renkei.hub.core.cluster.ClusterJobs;
import jp.renkei.hub.core.facility.FacilityRegistry;
import jp.renkei.hub.core.network.SiteBinding;
import jp.renkei.hub.core.network.SiteNetworks;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.dicom.echo.EchoService;
import jp.renkei.hub.dicom.net.DicomServer;
import jp.renkei.hub.dicom.net.DicomServerSettings;
import jp.renkei.hub.dicom.net.DimseService;
import jp.renkei.hub.dicom.net.OutboundAssociation;
import jp.renkei.hub.dicom.query.FindService;
import jp.renkei.hub.dicom.store.FileSystemObjectStore;
import jp.renkei.hub.dicom.retrieve.GetService;
import jp.renkei.hub.dicom.retrieve.InstanceFiles;
import jp.renkei.hub.dicom.retrieve.MoveService;
import jp.renkei.hub.dicom.retrieve.Retrieval;
import jp.renkei.hub.dicom.store.ImageIndex;
import jp.renkei.hub.dicom.store.InstanceStore;
import jp.renkei.hub.dicom.store.ImagingStudyPublisher;
import jp.renkei.hub.dicom.store.ObjectStore;
import jp.renkei.hub.dicom.store.StoreService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DICOM bridge's beans: object store, services and the listener, started and stopped with the context. */
@Configuration
@EnableConfigurationProperties(DicomProperties.class)
public class DicomBridgeConfig {

    /** The SSL bundle of the hub's server key and CA (hub-core's PKI). */
    static final String SSL_BUNDLE = "hub";

    @Bean
    ObjectStore dicomObjectStore(DicomProperties properties, @Value("${renkei.home}") String home) {
        Path root = properties.storageRoot().isBlank() ? Path.of(home, "dicom") : Path.of(properties.storageRoot());
        try {
            return new FileSystemObjectStore(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the DICOM storage root " + root, e);
        }
    }

    /** The one store path of C-STORE and STOW-RS. */
    @Bean
    InstanceStore dicomInstanceStore(ObjectStore store, ImageIndex index, FacilityRegistry facilities,
                                     DataArrivals arrivals, HubMeters meters) {
        return new InstanceStore(store, index, facilities, arrivals, meters);
    }

    @Bean
    DicomListener dicomListener(DicomProperties properties, InstanceStore instances,
                                FacilityRegistry facilities, AuditTrail audit, ImagingStudyPublisher publisher,
                                FindService find, Retrieval retrieval, InstanceFiles files,
                                ObjectProvider<SiteNetworks> siteNetworks, DeviceCertificates devices,
                                ObjectProvider<SslBundles> sslBundles, HubMeters meters, ClusterJobs jobs) {
        // Without vpn-provisioning there are no site records: no DICOM nodes, and binding refuses or allows all.
        SiteNetworks networks = siteNetworks.getIfAvailable(() -> SiteNetworks.NONE);
        List<DimseService> services = List.of(new EchoService(), new StoreService(instances), find,
                new GetService(retrieval, files, audit), new MoveService(retrieval, files, audit, networks,
                        new OutboundAssociation.Settings(properties.aeTitle(), properties.maxPduLength(),
                                properties.associationTimeout(), properties.idleTimeout())))
                .stream().map(service -> (DimseService) new MeteredDimseService(service, meters)).toList();
        FacilityAePolicy policy = new FacilityAePolicy(properties.aeTitle(), facilities, audit, publisher,
                new SiteBinding(networks, properties.bindAeToSite(), properties.allowFacilitiesWithoutSite()), devices);
        DicomServer server = new DicomServer(settings(properties, properties.port()), policy, services);
        // The hub's key and CA trust, as HTTPS and MLLP: the handshake admits certificates of the hub CA only.
        DicomServer tls = properties.tls().enabled() ? DicomServer.overTls(settings(properties,
                properties.tls().port()), policy, services, sslBundles.getObject().getBundle(SSL_BUNDLE)
                .createSslContext()) : null;
        return new DicomListener(server, tls, properties.enabled(), publisher, jobs);
    }

    private static DicomServerSettings settings(DicomProperties properties, int port) {
        return new DicomServerSettings(properties.aeTitle(), properties.bindAddress(), port,
                properties.maxPduLength(), properties.associationTimeout(), properties.idleTimeout(),
                properties.maxAssociations());
    }

    /** Runs the listener with the application context; graceful on shutdown. */
    public static final class DicomListener implements SmartLifecycle {

        private static final long GRACE_MILLIS = 10_000;

        private final DicomServer server;
        /** The DICOM TLS listener; null when it is off. */
        private final DicomServer tls;
        private final boolean enabled;
        private final ImagingStudyPublisher publisher;
        private final ClusterJobs jobs;

        DicomListener(DicomServer server, DicomServer tls, boolean enabled, ImagingStudyPublisher publisher,
                      ClusterJobs jobs) {
            this.server = server;
            this.tls = tls;
            this.enabled = enabled;
            this.publisher = publisher;
            this.jobs = jobs;
        }

        /** The port the listener is bound to, or -1 when it is not running. */
        public int port() {
            return server.port();
        }

        /** The port of the DICOM TLS listener, or -1 when it is off or not running. */
        public int tlsPort() {
            return tls == null ? -1 : tls.port();
        }

        @Override
        public void start() {
            if (!enabled) {
                return;
            }
            // Studies left unpublished by a crash or a failed write are caught up first; by one node at a time
            // (a node starting while another catches up leaves it to that one).
            jobs.runOnce("dicom-publish-unpublished", java.time.Duration.ZERO, publisher::publishUnpublished);
            try {
                server.start();
                if (tls != null) {
                    tls.start();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the DICOM listener cannot start", e);
            }
        }

        @Override
        public void stop() {
            server.stop(GRACE_MILLIS);
            if (tls != null) {
                tls.stop(GRACE_MILLIS);
            }
        }

        @Override
        public boolean isRunning() {
            return server.isRunning();
        }
    }
}
