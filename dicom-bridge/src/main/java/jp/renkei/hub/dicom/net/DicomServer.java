package jp.renkei.hub.dicom.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DICOM upper-layer listener: accepts TCP connections and runs each as an {@link Association} on its own
 * thread. Stopping closes the listener, lets running associations finish for a grace period, then closes
 * what is left.
 */
public final class DicomServer {

    private static final Logger log = LoggerFactory.getLogger(DicomServer.class);

    private final DicomServerSettings settings;
    private final AssociationPolicy policy;
    private final List<DimseService> services;
    private final AtomicInteger active = new AtomicInteger();
    private final Set<Association> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private ServerSocket listener;
    private ExecutorService workers;
    private Thread acceptor;

    public DicomServer(DicomServerSettings settings, AssociationPolicy policy, List<DimseService> services) {
        this.settings = settings;
        this.policy = policy;
        this.services = List.copyOf(services);
    }

    public synchronized void start() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        InetAddress address = settings.bindAddress() == null || settings.bindAddress().isBlank() ? null
                : InetAddress.getByName(settings.bindAddress());
        socket.bind(new InetSocketAddress(address, settings.port()), 50);
        listener = socket;
        workers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "dicom-association-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        acceptor = new Thread(this::acceptLoop, "dicom-listener");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("DICOM listener {} on port {}", settings.aeTitle(), port());
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
        log.info("DICOM listener {} stopped", settings.aeTitle());
    }
}
