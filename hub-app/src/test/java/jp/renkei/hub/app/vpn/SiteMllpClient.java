package jp.renkei.hub.app.vpn;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javax.net.ssl.SSLSocket;

import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.mllp.MllpFraming;

/**
 * A site's gateway pushing one HL7 v2 message to the hub over MLLP/TLS with its client certificate, from a given
 * source address. Run by VpnHubThroughTunnelIT in a child JVM inside a site's network namespace (a JVM cannot
 * enter one itself). Prints the acknowledgement (segments on lines), or {@code CLOSED} when the hub closed the
 * connection without one.
 *
 * <p>Arguments: source address, hub address, MLLP port, hub home (its CA in pki/ca.crt), gateway key (PEM
 * PKCS#8), gateway certificate, message file (ISO-2022-JP, as an SS-MIX2 storage keeps it).
 */
public final class SiteMllpClient {

    private SiteMllpClient() {
    }

    public static void main(String[] args) throws Exception {
        var tls = FhirHttp.deviceContext(Path.of(args[3]), Path.of(args[4]), Path.of(args[5]));
        byte[] message = Files.readAllBytes(Path.of(args[6]));
        try (Socket plain = new Socket()) {
            plain.bind(new InetSocketAddress(InetAddress.getByName(args[0]), 0));
            plain.connect(new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2])), 10_000);
            plain.setSoTimeout(30_000);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, args[1], plain.getPort(), true)) {
                socket.startHandshake();
                MllpFraming.write(socket.getOutputStream(), message);
                Optional<byte[]> reply = MllpFraming.read(socket.getInputStream(), 1 << 20);
                System.out.println(reply.isPresent() ? text(reply.get()) : "CLOSED");
            } catch (IOException e) {
                // the hub closes a connection from outside the site's prefixes right after the handshake
                System.out.println("CLOSED " + e.getMessage());
            }
        }
    }

    private static String text(byte[] reply) throws Exception {
        String text = new String(reply, StandardCharsets.US_ASCII).contains("ISO IR87")
                ? Iso2022Jp.decode(reply) : new String(reply, StandardCharsets.UTF_8);
        return text.replace('\r', '\n');
    }
}
