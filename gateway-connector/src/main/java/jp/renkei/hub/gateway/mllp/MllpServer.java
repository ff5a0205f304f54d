package jp.renkei.hub.gateway.mllp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import jp.renkei.hub.gateway.ingest.IngestResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MLLP listener: TLS 1.3/1.2 with required client certificates (checked by {@link MllpSenders} in the
 * handshake), one message at a time per connection, each answered with an HL7 ACK after the
 * {@link Hl7MessageReceiver} returned — so AA means durably stored. The sending facility is the certificate's,
 * never MSH-4, and the connection must come from inside that facility's VPN site ({@link MllpSources}: otherwise it
 * is closed after the handshake, before any message is read). A connection is closed on a framing error, a too-large message, an idle timeout, or a certificate
 * that stopped being valid (that message is answered AR first).
 */
public final class MllpServer {

    private static final Logger log = LoggerFactory.getLogger(MllpServer.class);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final MllpSettings settings;
    private final SSLContext sslContext;
    private final MllpSenders senders;
    private final MllpSources sources;
    private final Hl7MessageReceiver receiver;
    private final Semaphore connectionSlots;
    private SSLServerSocket serverSocket;
    private ExecutorService connections;
    private Thread acceptor;

    public MllpServer(MllpSettings settings, KeyManagerFactory keys, TrustManagerFactory caTrust, MllpSenders senders,
                      MllpSources sources, Hl7MessageReceiver receiver) {
        this.settings = settings;
        this.senders = senders;
        this.sources = sources;
        this.receiver = receiver;
        this.connectionSlots = new Semaphore(settings.maxConnections());
        this.sslContext = sslContext(keys, caTrust, senders);
    }

    private static SSLContext sslContext(KeyManagerFactory keys, TrustManagerFactory caTrust, MllpSenders senders) {
        X509ExtendedTrustManager ca = Arrays.stream(caTrust.getTrustManagers())
                .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("no X.509 trust manager for the hub CA"));
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), new javax.net.ssl.TrustManager[] {new DeviceTrustManager(ca, senders)},
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the MLLP listener", e);
        }
    }

    public synchronized void start() throws IOException {
        SSLServerSocket socket = (SSLServerSocket) sslContext.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(settings.port()), 50);
        socket.setNeedClientAuth(true);
        socket.setEnabledProtocols(PROTOCOLS);
        serverSocket = socket;
        connections = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "mllp-connection");
            thread.setDaemon(true);
            return thread;
        });
        acceptor = new Thread(this::acceptLoop, "mllp-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("MLLP listener (TLS, client certificates required) on port {}", port());
    }

    public synchronized int port() {
        return serverSocket.getLocalPort();
    }

    public synchronized void stop() {
        if (serverSocket == null) {
            return;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            log.debug("closing the MLLP server socket: {}", e.getMessage());
        }
        connections.shutdownNow();
        try {
            connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        serverSocket = null;
    }

    private void acceptLoop() {
        SSLServerSocket socket = serverSocket;
        while (!socket.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) socket.accept();
                if (!connectionSlots.tryAcquire()) {
                    log.warn("MLLP: {} connections already open; refusing {}", settings.maxConnections(),
                            client.getRemoteSocketAddress());
                    client.close();
                    continue;
                }
                connections.execute(() -> {
                    try {
                        serve(client);
                    } finally {
                        connectionSlots.release();
                    }
                });
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("MLLP accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(SSLSocket client) {
        String peer = String.valueOf(client.getRemoteSocketAddress());
        try (client) {
            client.setSoTimeout((int) settings.readTimeout().toMillis());
            client.startHandshake();
            X509Certificate certificate = (X509Certificate) client.getSession().getPeerCertificates()[0];
            Optional<String> sender = senders.facilityOf(certificate);
            Optional<String> refusal = sender.flatMap(facility -> sources.refusal(facility, client.getInetAddress()));
            if (refusal.isPresent()) {
                log.warn("MLLP {}: refused: {}", peer, refusal.get());
                return;
            }
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            while (true) {
                Optional<byte[]> message = MllpFraming.read(in, settings.maxMessageBytes());
                if (message.isEmpty()) {
                    return;
                }
                // Checked per message, like the HTTPS filter: a revocation stops an open connection too.
                Optional<String> facility = senders.facilityOf(certificate);
                if (facility.isEmpty()) {
                    MllpFraming.write(out, Hl7Acks.refusal(message.get(), "the client certificate is no longer an"
                            + " active gateway certificate of an active facility"));
                    return;
                }
                MllpFraming.write(out, acknowledge(facility.get(), message.get()));
            }
        } catch (MllpFraming.FramingException e) {
            log.warn("MLLP {}: framing error, closing: {}", peer, e.getMessage());
        } catch (SocketTimeoutException e) {
            log.info("MLLP {}: idle for {}, closing", peer, settings.readTimeout());
        } catch (SSLException e) {
            log.warn("MLLP {}: TLS handshake or record failed: {}", peer, e.getMessage());
        } catch (SocketException e) {
            log.debug("MLLP {}: connection closed: {}", peer, e.getMessage());
        } catch (IOException e) {
            log.warn("MLLP {}: I/O error: {}", peer, e.getMessage());
        }
    }

    private byte[] acknowledge(String facilityId, byte[] message) {
        IngestResult result;
        try {
            result = receiver.receive(facilityId, message);
        } catch (RuntimeException e) {
            log.error("MLLP: processing a message of facility {} failed", facilityId, e);
            return Hl7Acks.forFailure(message, "the hub could not process the message (" + e.getClass().getSimpleName()
                    + "); it is not stored - send it again later");
        }
        return Hl7Acks.forResult(message, result);
    }
}
