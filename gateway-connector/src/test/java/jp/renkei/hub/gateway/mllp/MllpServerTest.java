package jp.renkei.hub.gateway.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.parser.PipeParser;
import jp.renkei.hub.core.audit.AuditEntry;
import jp.renkei.hub.core.audit.AuditOutcome;
import jp.renkei.hub.core.network.NetworkPrefix;
import jp.renkei.hub.core.network.SiteBinding;
import jp.renkei.hub.core.network.SiteNetworks;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import jp.renkei.hub.gateway.ingest.IngestResult;
import jp.renkei.hub.gateway.ingest.StoreOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MllpServerTest {

    private static final String MESSAGE = "MSH|^~\\&|HIS|0710100017|HUB|RENKEI|20260310101500||ADT^A08^ADT_A01|MSG0001|P|2.5"
            + "||||||~ISO IR87||ISO 2022-1994\rEVN||20260310101500\rPID|||H000001^^^^PI||高橋^花子\r";

    private final TestPki hubCa = new TestPki("Test Hub CA");
    private final TestPki foreignCa = new TestPki("Foreign CA");
    private final TestPki.Identity gateway = hubCa.client("gateway");
    private final TestPki.Identity revoked = hubCa.client("revoked-gateway");
    private final Set<java.math.BigInteger> revokedSerials = new java.util.concurrent.CopyOnWriteArraySet<>();
    private final String facilityId = UUID.randomUUID().toString();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    private volatile Hl7MessageReceiver behaviour;
    private MllpServer server;

    @BeforeEach
    void start() throws Exception {
        revokedSerials.add(revoked.certificate().getSerialNumber());
        MllpSenders senders = certificate -> revokedSerials.contains(certificate.getSerialNumber())
                ? Optional.empty() : Optional.of(facilityId);
        // The facility's site is the loopback host only: 127.0.0.1 and ::1 inside, 127.0.0.2 outside.
        SiteNetworks site = SiteNetworks.ofPrefixes(java.util.Map.of(facilityId, List.of(
                new NetworkPrefix(address("127.0.0.1"), 32), new NetworkPrefix(address("::1"), 128))));
        server = new MllpServer(new MllpSettings(true, 0, 64 * 1024, Duration.ofSeconds(5), 4, true, false),
                hubCa.keyManagers(hubCa.server()), hubCa.trust(), senders,
                new MllpSources(new SiteBinding(site, true, false), entry -> {
                    audit.add(entry);
                    return audit.size();
                }), (facility, message) -> {
                    received.add(facility);
                    return behaviour.receive(facility, message);
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aStoredMessageIsAcknowledgedAaWithItsControlIdAndTheFacilityComesFromTheCertificate() throws Exception {
        behaviour = (facility, message) -> IngestResult.stored(List.of(StoreOutcome.CREATED), List.of());

        try (SSLSocket socket = connect(hubCa.clientContext(gateway, hubCa))) {
            ACK ack = exchange(socket, Iso2022Jp.encode(MESSAGE));

            assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
            assertThat(ack.getMSA().getMessageControlID().getValue()).isEqualTo("MSG0001");
            assertThat(ack.getMSH().getMessageType().getTriggerEvent().getValue()).isEqualTo("A08");
            assertThat(ack.getERRReps()).isZero();
            // one connection, several messages, one at a time
            assertThat(exchange(socket, Iso2022Jp.encode(MESSAGE.replace("MSG0001", "MSG0002")))
                    .getMSA().getMessageControlID().getValue()).isEqualTo("MSG0002");
        }
        assertThat(received).containsExactly(facilityId, facilityId);
    }

    @Test
    void garbageIsRejectedArWithTheReasonInErr() throws Exception {
        behaviour = (facility, message) -> IngestResult.quarantined(new IngestFailure("the message does not start"
                + " with an MSH segment (it starts with 'hello')", ErrorLocation.segment("hel", 1), true, null),
                UUID.randomUUID());

        try (SSLSocket socket = connect(hubCa.clientContext(gateway, hubCa))) {
            ACK ack = exchange(socket, "hello, world".getBytes(StandardCharsets.US_ASCII));

            assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AR");
            assertThat(ack.getMSA().getMessageControlID().getValue()).isNull();
            assertThat(ack.getERR(0).getUserMessage().getValue()).contains("does not start with an MSH segment");
            assertThat(ack.getERR(0).getHL7ErrorCode().getIdentifier().getValue()).isEqualTo("200");
        }
    }

    @Test
    void aQuarantinedMessageIsAeWithTheErrorLocation() throws Exception {
        behaviour = (facility, message) -> IngestResult.quarantined(new IngestFailure("bad date '20111399'",
                ErrorLocation.field("OBX", 3, 14)), UUID.randomUUID());

        try (SSLSocket socket = connect(hubCa.clientContext(gateway, hubCa))) {
            ACK ack = exchange(socket, Iso2022Jp.encode(MESSAGE));

            assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AE");
            assertThat(ack.getERR(0).getErrorLocation(0).getSegmentID().getValue()).isEqualTo("OBX");
            assertThat(ack.getERR(0).getErrorLocation(0).getSegmentSequence().getValue()).isEqualTo("3");
            assertThat(ack.getERR(0).getErrorLocation(0).getFieldPosition().getValue()).isEqualTo("14");
            assertThat(ack.getERR(0).getUserMessage().getValue()).isEqualTo("bad date '20111399'");
        }
    }

    @Test
    void aHandlerFailureIsAeAndTheConnectionStaysUsable() throws Exception {
        behaviour = (facility, message) -> {
            throw new IllegalStateException("database unavailable");
        };

        try (SSLSocket socket = connect(hubCa.clientContext(gateway, hubCa))) {
            ACK ack = exchange(socket, Iso2022Jp.encode(MESSAGE));

            assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AE");
            assertThat(ack.getERR(0).getUserMessage().getValue()).contains("could not process", "not stored");

            behaviour = (facility, message) -> IngestResult.stored(List.of(StoreOutcome.CREATED), List.of());
            assertThat(exchange(socket, Iso2022Jp.encode(MESSAGE)).getMSA().getAcknowledgmentCode().getValue())
                    .isEqualTo("AA");
        }
    }

    @Test
    void aJapaneseReasonTravelsInIso2022Jp() throws Exception {
        behaviour = (facility, message) -> IngestResult.quarantined(new IngestFailure("患者IDがありません",
                ErrorLocation.field("PID", 3, 3)), UUID.randomUUID());

        try (SSLSocket socket = connect(hubCa.clientContext(gateway, hubCa))) {
            ACK ack = exchange(socket, Iso2022Jp.encode(MESSAGE));

            assertThat(ack.getERR(0).getUserMessage().getValue()).isEqualTo("患者IDがありません");
        }
    }

    @Test
    void aRevokedCertificateIsRefusedInTheHandshake() throws Exception {
        behaviour = (facility, message) -> IngestResult.stored(List.of(StoreOutcome.CREATED), List.of());

        assertThatThrownBy(() -> {
            try (SSLSocket socket = connect(hubCa.clientContext(revoked, hubCa))) {
                exchange(socket, Iso2022Jp.encode(MESSAGE));
            }
        }).isInstanceOf(IOException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedInTheHandshake() throws Exception {
        behaviour = (facility, message) -> IngestResult.stored(List.of(StoreOutcome.CREATED), List.of());

        assertThatThrownBy(() -> {
            try (SSLSocket socket = connect(foreignCa.clientContext(foreignCa.client("stranger"), hubCa))) {
                exchange(socket, Iso2022Jp.encode(MESSAGE));
            }
        }).isInstanceOf(IOException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void aClientWithoutCertificateIsRefused() throws Exception {
        behaviour = (facility, message) -> IngestResult.stored(List.of(StoreOutcome.CREATED), List.of());
        SSLContext noCertificate = SSLContext.getInstance("TLS");
        noCertificate.init(null, hubCa.trust().getTrustManagers(), null);

        assertThatThrownBy(() -> {
            try (SSLSocket socket = connect(noCertificate)) {
                exchange(socket, Iso2022Jp.encode(MESSAGE));
            }
        }).isInstanceOf(IOException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void aCertificateRevokedDuringTheConnectionGetsArAndTheConnectionCloses() throws Exception {
        behaviour = (facility, message) -> IngestResult.stored(List.of(StoreOutcome.CREATED), List.of());

        try (SSLSocket socket = connect(hubCa.clientContext(gateway, hubCa))) {
            assertThat(exchange(socket, Iso2022Jp.encode(MESSAGE)).getMSA().getAcknowledgmentCode().getValue())
                    .isEqualTo("AA");
            revokedSerials.add(gateway.certificate().getSerialNumber());

            ACK ack = exchange(socket, Iso2022Jp.encode(MESSAGE));

            assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AR");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(received).hasSize(1);
    }

    @Test
    void anOversizedMessageClosesTheConnectionWithoutProcessingIt() throws Exception {
        behaviour = (facility, message) -> IngestResult.stored(List.of(StoreOutcome.CREATED), List.of());

        try (SSLSocket socket = connect(hubCa.clientContext(gateway, hubCa))) {
            socket.getOutputStream().write(MllpFraming.START);
            socket.getOutputStream().write(new byte[70 * 1024]);
            socket.getOutputStream().flush();

            assertThat(readToEnd(socket.getInputStream())).isEqualTo(-1);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void onlyTls12AndNewerAreSpoken() throws Exception {
        SSLContext context = hubCa.clientContext(gateway, hubCa);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", server.port())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.1"});
            assertThatThrownBy(socket::startHandshake).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aGatewayCertificateCountsOnlyFromInsideTheFacilitysSitePrefixes() throws Exception {
        behaviour = (facility, message) -> IngestResult.stored(List.of(StoreOutcome.CREATED), List.of());
        SSLContext context = hubCa.clientContext(gateway, hubCa);

        try (SSLSocket outside = (SSLSocket) context.getSocketFactory().createSocket(address("127.0.0.1"),
                server.port(), address("127.0.0.2"), 0)) {
            outside.setSoTimeout(10_000);
            assertThatThrownBy(() -> exchange(outside, Iso2022Jp.encode(MESSAGE))).isInstanceOf(IOException.class);
        }
        assertThat(received).isEmpty();
        assertThat(audit).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(entry.facilityId()).isEqualTo(facilityId);
            assertThat(entry.sourceIp()).isEqualTo("127.0.0.2");
            assertThat(entry.detail()).contains("127.0.0.2 is outside the VPN site prefixes of facility " + facilityId);
        });

        try (SSLSocket inside = (SSLSocket) context.getSocketFactory().createSocket(address("127.0.0.1"),
                server.port(), address("127.0.0.1"), 0)) {
            inside.setSoTimeout(10_000);
            assertThat(exchange(inside, Iso2022Jp.encode(MESSAGE)).getMSA().getAcknowledgmentCode().getValue())
                    .isEqualTo("AA");
        }
        assertThat(received).containsExactly(facilityId);
        assertThat(audit).hasSize(1);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private SSLSocket connect(SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static ACK exchange(SSLSocket socket, byte[] message) throws Exception {
        MllpFraming.write(socket.getOutputStream(), message);
        byte[] reply = MllpFraming.read(socket.getInputStream(), 1 << 20).orElseThrow(
                () -> new IOException("the connection closed without an acknowledgement"));
        String text = new String(reply, StandardCharsets.US_ASCII).contains("ISO IR87")
                ? Iso2022Jp.decode(reply) : new String(reply, StandardCharsets.UTF_8);
        return (ACK) PipeParser.getInstanceWithNoValidation().parse(text);
    }

    /** Reads until the server closes, returning the last read result (-1 at the end). */
    private static int readToEnd(InputStream in) throws IOException {
        int b;
        do {
            b = in.read();
        } while (b != -1);
        return b;
    }
}
