package jp.renkei.hub.vpn.e2e;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import jp.renkei.hub.core.network.NetworkPrefix;
import jp.renkei.hub.core.network.SiteBinding;
import jp.renkei.hub.core.network.SiteNetworks;

/**
 * Run in a child JVM inside a network namespace (a JVM cannot enter one itself). {@code serve}: the hub's service
 * endpoints on the hub's service address, an HTTPS server (certificate from the hub CA) and an MLLP listener
 * that ACKs HL7 v2 messages; both answer with the client's address, so the test sees where a request came from.
 * And a DICOM association acceptor that applies hub-core's {@link SiteBinding} — the rule of the hub's DICOM
 * listener — to the calling AE title's facility, with the site prefixes the test read from the site records: it
 * answers A-ASSOCIATE-AC or -RJ (1, 1, 3) and nothing more. {@code mllp-send}: an MLLP client bound to a site's
 * LAN address; {@code dicom-associate}: an A-ASSOCIATE-RQ from a site's LAN address.
 */
public final class NetnsEndpoints {

    private static final char VT = 0x0b;
    private static final char FS = 0x1c;

    private NetnsEndpoints() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("serve")) {
            startDicom(Integer.parseInt(args[5]), args[6]);
            serve(args[1], args[2].toCharArray(), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        } else if (args[0].equals("dicom-associate")) {
            System.out.println(associate(args[1], args[2], Integer.parseInt(args[3]), args[4]));
        } else {
            System.out.println(send(args[1], args[2], Integer.parseInt(args[3]), args[4]));
        }
    }

    private static void serve(String keystore, char[] password, int httpsPort, int mllpPort) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("::"), httpsPort), 16);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", exchange -> {
            byte[] body = ("{\"resourceType\":\"CapabilityStatement\",\"client\":\""
                    + exchange.getRemoteAddress().getAddress().getHostAddress() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        https.setExecutor(Executors.newFixedThreadPool(4));
        https.start();
        try (ServerSocket mllp = new ServerSocket()) {
            mllp.bind(new InetSocketAddress(InetAddress.getByName("::"), mllpPort));
            System.out.println("READY");
            System.out.flush();
            while (true) {
                Socket client = mllp.accept();
                new Thread(() -> answer(client)).start();
            }
        }
    }

    /** Reads one framed message and ACKs it (AA), naming the client's address in MSA-3. */
    private static void answer(Socket client) {
        try (client) {
            String message = readFrame(client.getInputStream());
            String controlId = message.split("\r")[0].split("\\|")[9];
            String ack = "MSH|^~\\&|RENKEIHUB|HUB|||20261203||ACK^R01^ACK|" + controlId + "-ACK|P|2.5\r"
                    + "MSA|AA|" + controlId + "|from " + client.getInetAddress().getHostAddress() + "\r";
            client.getOutputStream().write((VT + ack + FS + "\r").getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().flush();
        } catch (IOException | RuntimeException e) {
            System.err.println("MLLP: " + e);
        }
    }

    private static String send(String bindAddress, String host, int port, String controlId) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 5000);
            socket.setSoTimeout(5000);
            String message = "MSH|^~\\&|GW|SITE|RENKEIHUB|HUB|20261203||ORU^R01^ORU_R01|" + controlId + "|P|2.5\r"
                    + "PID|1||H000001^^^^PI\r";
            socket.getOutputStream().write((VT + message + FS + "\r").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return readFrame(socket.getInputStream()).replace('\r', '\n');
        }
    }

    /**
     * {@code sites}: {@code AE=facility=prefix,prefix;…}. Each association gets the A-ASSOCIATE-RJ the hub sends
     * when {@link SiteBinding} refuses the source for the calling AE title's facility, else an A-ASSOCIATE-AC.
     */
    private static void startDicom(int port, String sites) throws IOException {
        Map<String, String> facilityOfAe = new HashMap<>();
        Map<String, List<NetworkPrefix>> prefixes = new HashMap<>();
        for (String site : sites.split(";")) {
            String[] parts = site.split("=");
            facilityOfAe.put(parts[0], parts[1]);
            List<NetworkPrefix> list = new ArrayList<>();
            for (String prefix : parts[2].split(",")) {
                String[] p = prefix.split("/");
                list.add(new NetworkPrefix(InetAddress.getByName(p[0]), Integer.parseInt(p[1])));
            }
            prefixes.put(parts[1], list);
        }
        SiteBinding binding = new SiteBinding(SiteNetworks.ofPrefixes(prefixes), true, false);
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName("::"), port));
        Thread acceptor = new Thread(() -> {
            while (true) {
                try (Socket client = listener.accept()) {
                    byte[] header = client.getInputStream().readNBytes(6 + 4 + 32);
                    String calling = new String(header, 26, 16, StandardCharsets.US_ASCII).strip();
                    String facility = facilityOfAe.get(calling);
                    boolean accepted = facility != null
                            && binding.refusal(facility, client.getInetAddress()).isEmpty();
                    client.getOutputStream().write(accepted ? new byte[] {2, 0, 0, 0, 0, 0}
                            : new byte[] {3, 0, 0, 0, 0, 4, 0, 1, 1, 3});
                } catch (IOException e) {
                    System.err.println("DICOM: " + e);
                }
            }
        }, "dicom");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** An A-ASSOCIATE-RQ as {@code callingAe} from {@code bindAddress}: "AC" or "RJ result/source/reason". */
    private static String associate(String bindAddress, String host, int port, String callingAe) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 5000);
            socket.setSoTimeout(5000);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(new byte[] {0, 1, 0, 0});
            body.writeBytes(String.format("%-16s%-16s", "RENKEIHUB", callingAe).getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(new byte[32]);
            byte[] context = "1.2.840.10008.3.1.1.1".getBytes(StandardCharsets.US_ASCII);
            body.writeBytes(new byte[] {0x10, 0, 0, (byte) context.length});
            body.writeBytes(context);
            ByteArrayOutputStream pdu = new ByteArrayOutputStream();
            pdu.writeBytes(new byte[] {1, 0, 0, 0, (byte) (body.size() >> 8), (byte) body.size()});
            body.writeTo(pdu);
            socket.getOutputStream().write(pdu.toByteArray());
            byte[] answer = socket.getInputStream().readNBytes(10);
            return answer[0] == 2 ? "AC" : "RJ " + answer[7] + "/" + answer[8] + "/" + answer[9];
        }
    }

    private static String readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int b = in.read();
        if (b != VT) {
            throw new IOException("no MLLP start block");
        }
        while ((b = in.read()) != -1 && b != FS) {
            frame.write(b);
        }
        in.read(); // the CR after FS
        return frame.toString(StandardCharsets.UTF_8);
    }
}
