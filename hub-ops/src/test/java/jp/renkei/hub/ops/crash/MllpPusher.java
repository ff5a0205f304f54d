package jp.renkei.hub.ops.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import jp.renkei.hub.bench.TlsCredentials;
import jp.renkei.hub.gateway.mllp.MllpFraming;

/**
 * A hospital gateway pushing HL7 v2.5 messages over MLLP/TLS with its client certificate, one connection reused
 * for the messages in turn, each acknowledged before the next is sent (the MLLP sender's rule). A message counts
 * as acknowledged only on {@code MSA|AA} or {@code MSA|CA}.
 */
final class MllpPusher extends AcknowledgedSender {

    private final List<byte[]> messages;
    private final SSLContext tls;
    private final int port;
    private SSLSocket socket;

    MllpPusher(Path home, int port, List<byte[]> messages) {
        super("MLLP", messages.size());
        this.messages = messages;
        this.port = port;
        this.tls = TlsCredentials.context(home.resolve("pki/ca.crt"), java.util.Optional.of(new TlsCredentials(
                home.resolve("demo/hospital-gateway.key"), home.resolve("demo/hospital-gateway.crt"))));
    }

    @Override
    protected boolean send(int i) throws IOException {
        if (socket == null) {
            socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port);
            socket.setSoTimeout(60_000);
            socket.startHandshake();
        }
        MllpFraming.write(socket.getOutputStream(), messages.get(i));
        byte[] reply = MllpFraming.read(socket.getInputStream(), 1 << 20)
                .orElseThrow(() -> new IOException("the connection closed without an acknowledgement"));
        // MSA is ASCII also in an ISO-2022-JP acknowledgement
        String text = new String(reply, StandardCharsets.US_ASCII);
        return text.contains("\rMSA|AA|") || text.contains("\rMSA|CA|");
    }

    @Override
    protected void reset() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // the hub is gone already
            }
            socket = null;
        }
    }
}
