package jp.renkei.hub.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.mock.env.MockEnvironment;

/**
 * Real TLS handshakes on 127.0.0.1: the server uses exactly the SSL bundle PkiBootstrap defines (loaded the way
 * Spring Boot loads it), requires a client certificate and trusts only the hub CA.
 */
class PkiTlsHandshakeTest {

    private static final char[] PASSWORD = "test".toCharArray();

    @TempDir
    Path home;
    @TempDir
    Path foreignHome;

    private SSLContext serverContext;
    private HubCertificateAuthority ca;
    private final ExecutorService server = Executors.newSingleThreadExecutor();

    @BeforeEach
    void startFromTheBootstrappedBundle() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("renkei.home", home.toString())
                .withProperty("renkei.tls.host-names", "127.0.0.1");
        new PkiBootstrap(log -> log.get()).postProcessEnvironment(environment, new SpringApplication());
        PemSslStoreDetails keyStore = PemSslStoreDetails
                .forCertificate(environment.getProperty(PkiBootstrap.BUNDLE + ".keystore.certificate"))
                .withPrivateKey(environment.getProperty(PkiBootstrap.BUNDLE + ".keystore.private-key"));
        PemSslStoreDetails trustStore = PemSslStoreDetails
                .forCertificate(environment.getProperty(PkiBootstrap.BUNDLE + ".truststore.certificate"));
        serverContext = SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
        ca = HubCertificateAuthority.open(TestKeys.settings(home), Clock.systemUTC());
    }

    @AfterEach
    void stopServer() {
        server.shutdownNow();
    }

    @Test
    void deviceWithAnEcCertificateFromTheHubCaCompletesATls13Handshake() throws Exception {
        X509Certificate device = issueDevice(TestKeys.EC_P256);

        Outcome outcome = handshake(clientContext(TestKeys.EC_P256, device), "TLSv1.3");

        assertThat(outcome.clientFailure()).isNull();
        assertThat(outcome.serverFailure()).isNull();
        assertThat(outcome.clientChainSeenByServer()[0]).isEqualTo(device);
    }

    @Test
    void deviceWithAnRsaCertificateFromTheHubCaCompletesATls12Handshake() throws Exception {
        X509Certificate device = issueDevice(TestKeys.RSA_2048);

        Outcome outcome = handshake(clientContext(TestKeys.RSA_2048, device), "TLSv1.2");

        assertThat(outcome.clientFailure()).isNull();
        assertThat(outcome.serverFailure()).isNull();
        assertThat(outcome.clientChainSeenByServer()[0]).isEqualTo(device);
    }

    @Test
    void clientWithACertificateFromAForeignCaFailsTheHandshake() throws Exception {
        // Same CA name, same subject layout, other key: only the signature tells them apart.
        HubCertificateAuthority foreign = TestKeys.foreignCa(foreignHome);
        X509Certificate impostor = foreign.issueDeviceCertificate(UUID.randomUUID(), "F1", DeviceKind.GATEWAY,
                DeviceCsr.parse(TestKeys.csr(TestKeys.EC_P256)));
        assertThat(foreign.certificate().getSubjectX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());

        Outcome outcome = handshake(clientContext(TestKeys.EC_P256, impostor), "TLSv1.3");

        // The impostor's certificate was sent and judged (not merely withheld): no path leads to the hub CA.
        assertThat(outcome.serverFailure()).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("PKIX path validation failed");
        assertThat(outcome.clientFailure()).isNotNull();
        assertThat(outcome.clientChainSeenByServer()).isNull();
    }

    private X509Certificate issueDevice(KeyPair keys) {
        return ca.issueDeviceCertificate(UUID.randomUUID(), "F1", DeviceKind.GATEWAY, DeviceCsr.parse(TestKeys.csr(keys)));
    }

    /** How a handshake went on each side: the chain the server accepted, or each side's failure. */
    private record Outcome(Certificate[] clientChainSeenByServer, Throwable serverFailure, IOException clientFailure) {
    }

    /**
     * Connects a client to a one-shot server that needs a client certificate. The client checks the server's
     * name, and reads one byte the server sends after its handshake.
     */
    private Outcome handshake(SSLContext client, String protocol) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            listener.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            Future<Certificate[]> accepted = server.submit(() -> {
                IOException clientFailure = null;
            try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    socket.getOutputStream().write(42);
                    socket.getOutputStream().flush();
                    return socket.getSession().getPeerCertificates();
                }
            });
            IOException clientFailure = null;
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                socket.setEnabledProtocols(new String[] {protocol});
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
                // In TLS 1.3 the server judges the client certificate after the client's handshake is done.
                assertThat(socket.getInputStream().read()).isEqualTo(42);
            } catch (IOException e) {
                clientFailure = e;
            }
            try {
                return new Outcome(accepted.get(20, TimeUnit.SECONDS), null, clientFailure);
            } catch (ExecutionException e) {
                return new Outcome(null, e.getCause(), clientFailure);
            }
        }
    }

    private SSLContext clientContext(KeyPair keys, X509Certificate certificate) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("device", keys.getPrivate(), PASSWORD, new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, PASSWORD);
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("hub-ca", ca.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
