package jp.renkei.hub.ops.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in front of the hub nodes, as docs/operations.md "Scaling out" configures it: TCP mode (TLS
 * passes through, so the facility systems' client certificates reach the hub), round robin over connections, each
 * node checked on {@code /actuator/health/readiness} over HTTPS every second and taken out after two failures, a
 * connection that cannot reach its node retried on another ({@code option redispatch}).
 */
final class Haproxy implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private Haproxy(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The configuration for a frontend on 127.0.0.1:{@code port} and a backend of the nodes' HTTPS ports. */
    static String configuration(int port, List<Integer> nodePorts) {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < nodePorts.size(); i++) {
            servers.append("    server node").append((char) ('a' + i)).append(" 127.0.0.1:").append(nodePorts.get(i))
                    .append(" check check-ssl verify none inter 1s fall 2 rise 2\n");
        }
        return """
                global
                    maxconn 512

                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 120s
                    timeout server 120s
                    retries 3
                    option redispatch

                frontend renkei_hub
                    bind 127.0.0.1:%d
                    default_backend renkei_nodes

                backend renkei_nodes
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                    http-check expect status 200
                %s""".formatted(port, servers);
    }

    static Haproxy start(Path directory, List<Integer> nodePorts) throws IOException, InterruptedException {
        int port = freePort();
        Path config = directory.resolve("haproxy.cfg");
        Files.writeString(config, configuration(port, nodePorts));
        Path log = directory.resolve("haproxy.log");
        Process process = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Haproxy haproxy = new Haproxy(process, port, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return haproxy;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        haproxy.close();
        throw new IllegalStateException("haproxy does not listen on " + port + ": " + Files.readString(log));
    }

    int port() {
        return port;
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
