package jp.renkei.hub.dicom.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DICOM upper-layer listener: accepts TCP connections and runs each as an {@link Association} on its own
 * thread. Stopping closes the listener, lets running associations finish for a grace period, then closes
 * what is left. Over TLS ({@link #overTls}) it is a DICOM TLS listener in the manner of the Basic TLS Secure
 * Transport Connection Profile (PS3.15 B.1): TLS 1.3 or 1.2 only, a client certificate the hub CA verifies
 * required in the handshake, and the verified certificate handed to the {@link AssociationPolicy}.
 */
public final class DicomServer {

    private static final Logger log = LoggerFactory.getLogger(DicomServer.class);
    /** No TLS 1.1 or older (BCP 195, and the non-downgrading profile DCMTK uses by default). */
    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final DicomServerSettings settings;
    private final AssociationPolicy policy;
    private final List<DimseService> services;
    /** TLS of the listener; null for plain TCP. */
    private final SSLContext tls;
    private final AtomicInteger active = new AtomicInteger();
    private final Set<Association> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private ServerSocket listener;
    private ExecutorService workers;
    private Thread acceptor;

    public DicomServer(DicomServerSettings settings, AssociationPolicy policy, List<DimseService> services) {
        this(settings, policy, services, null);
    }

    private DicomServer(DicomServerSettings settings, AssociationPolicy policy, List<DimseService> services,
                        SSLContext tls) {
        this.settings = settings;
        this.policy = policy;
        this.services = List.copyOf(services);
        this.tls = tls;
    }

    /**
     * A DICOM TLS listener: {@code tls} holds the hub's key and a trust manager of the hub CA, which decides
     * whether a client certificate passes the handshake; who it belongs to is the policy's question.
     */
    public static DicomServer overTls(DicomServerSettings settings, AssociationPolicy policy,
                                      List<DimseService> services, SSLContext tls) {
        return new DicomServer(settings, policy, services, Objects.requireNonNull(tls));
    }

    public synchronized void start() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = tls == null ? new ServerSocket() : tlsSocket();
        socket.setReuseAddress(true);
        InetAddress address = settings.bindAddress() == null || settings.bindAddress().isBlank() ? null
                : InetAddress.getByName(settings.bindAddress());
        socket.bind(new InetSocketAddress(address, settings.port()), 50);
        listener = socket;
        workers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, (tls == null ? "dicom" : "dicom-tls") + "-association-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        acceptor = new Thread(this::acceptLoop, tls == null ? "dicom-listener" : "dicom-tls-listener");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("DICOM {}listener {} on port {}", tls == null ? "" : "TLS ", settings.aeTitle(), port());
    }

    private ServerSocket tlsSocket() throws IOException {
        SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        socket.setNeedClientAuth(true);
        socket.setEnabledProtocols(TLS_PROTOCOLS);
        return socket;
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        ServerSocket socket = listener;
        return socket == null ? -1 : socket.getLocalPort();
    }

    public boolean isRunning() {
        return listener != null && !listener.isClosed();
    }

    private void acceptLoop() {
        ServerSocket socket = listener;
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                boolean overCapacity = active.incrementAndGet() > settings.maxAssociations();
                Association association = new Association(connection, settings, policy, services);
                running.add(association);
                workers.execute(() -> {
                    try {
                        association.serve(overCapacity);
                    } finally {
                        running.remove(association);
                        active.decrementAndGet();
                    }
                });
            } catch (SocketException e) {
                if (!socket.isClosed()) {
                    log.warn("DICOM listener: {}", e.toString());
                }
            } catch (IOException | RuntimeException e) {
                log.warn("DICOM listener could not take a connection: {}", e.toString());
            }
        }
    }

    /** Stops listening; associations in progress get {@code grace} to finish, then are closed. */
    public synchronized void stop(long graceMillis) {
        if (listener == null) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                running.forEach(Association::close);
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.forEach(Association::close);
        }
        listener = null;
        log.info("DICOM {}listener {} stopped", tls == null ? "" : "TLS ", settings.aeTitle());
    }
}
