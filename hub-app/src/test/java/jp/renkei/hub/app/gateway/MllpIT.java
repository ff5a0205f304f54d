package jp.renkei.hub.app.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.security.auth.x500.X500Principal;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.parser.PipeParser;
import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPaths;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import jp.renkei.hub.core.pki.IssuedDeviceCertificate;
import jp.renkei.hub.core.pki.RevocationReason;
import jp.renkei.hub.fhir.HubSystems;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.ingest.IngestIds;
import jp.renkei.hub.gateway.mllp.MllpConfig;
import jp.renkei.hub.gateway.mllp.MllpFraming;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The MLLP listener in the running hub (enabled on a free port for all integration tests): a gateway's pushed
 * OML-11 result over TLS with its client certificate is stored as its facility's and acknowledged AA; garbage is
 * AR; a revoked certificate gets no connection.
 */
@HubIntegrationTest
class MllpIT {

    private static final Path LAB = Path.of(TestPaths.SHARED, "testdata/ssmix2/sampleData/999/901/9999013/20111220/OML-11/"
            + "9999013_20111220_OML-11_000000011000354_20111220103059000_01_1");
    private static final String PROTEIN = "3A010000002327101";
    /** The gateway module's own fixtures (ISO-2022-JP, storage layout). */
    private static final Path OWN = Path.of("../gateway-connector/src/test/resources/ss2-storage/123/456/1234567");
    private static final Path CULTURE = OWN.resolve(
            "20240312/OML-11/1234567_20240312_OML-11_000000011000777_20240315143012123_01_1");
    private static final Path DISCHARGE_SUMMARY = OWN.resolve(
            "20240215/MDM/1234567_20240215_MDM_DS2024021500001_20240215170000000_01_1");

    @Autowired
    IngestIds ingestIds;
    @Autowired
    ApplicationContext context;
    @Autowired
    MllpConfig.MllpListener listener;
    @Autowired
    DeviceCertificates devices;
    @Autowired
    DaoRegistry daos;

    @Test
    void aPushedLabResultIsAcknowledgedAaAndStoredAsTheHospitals() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        // a patient of its own, so that other tests' counts of the sample's patients stay theirs
        String patient = "M" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        // a storage file ends with the file separator 0x1C; a gateway pushes the message without it
        String message = Iso2022Jp.decode(Files.readAllBytes(LAB)).replace("\u001c", "").replace("|0001000052^", "|" + patient + "^");
        assertThat(message).contains("|" + patient + "^"); // PID-3: a pushed message's patient

        ACK ack;
        try (SSLSocket socket = connect(demoGateway("hospital"))) {
            ack = exchange(socket, Iso2022Jp.encode(message));
        }

        assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).as(ack.toString()).isEqualTo("AA");
        String subject = "Patient/" + ingestIds.patientIdFor(hospital, patient);
        List<IBaseResource> observations = daos.getResourceDao("Observation").search(SearchParameterMap.newSynchronous()
                        .add("_tag", new TokenParam(HubSystems.SOURCE_FACILITY, hospital)), new SystemRequestDetails())
                .getAllResources().stream()
                .filter(o -> subject.equals(((Observation) o).getSubject().getReference())).toList();
        assertThat(observations).as(new PipeParser().encode(ack)).isNotEmpty().allSatisfy(resource ->
                assertThat(((Observation) resource).getMeta().getTag(HubSystems.SOURCE_FACILITY, hospital)).isNotNull());
        assertThat(observations).anySatisfy(resource -> assertThat(((Observation) resource).getCode().getCodingFirstRep()
                .getCode()).isEqualTo(PROTEIN));
    }

    @Test
    void aPushedCultureAndDischargeSummaryAreStoredAsMicrobiologyAndADocument() throws Exception {
        String hospital = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        String patient = "C" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        for (Path fixture : List.of(CULTURE, DISCHARGE_SUMMARY)) {
            String message = Iso2022Jp.decode(Files.readAllBytes(fixture)).replace("|1234567^", "|" + patient + "^");
            try (SSLSocket socket = connect(demoGateway("hospital"))) {
                ACK ack = exchange(socket, Iso2022Jp.encode(message));
                assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).as(new PipeParser().encode(ack))
                        .isEqualTo("AA");
            }
        }

        String subject = "Patient/" + ingestIds.patientIdFor(hospital, patient);
        List<Observation> organisms = daos.getResourceDao("Observation").search(SearchParameterMap.newSynchronous()
                        .add("_tag", new TokenParam(HubSystems.SOURCE_FACILITY, hospital)), new SystemRequestDetails())
                .getAllResources().stream().map(Observation.class::cast)
                .filter(o -> subject.equals(o.getSubject().getReference()) && o.hasValueCodeableConcept()).toList();
        assertThat(organisms).extracting(o -> o.getValueCodeableConcept().getCodingFirstRep().getCode())
                .containsExactlyInAnyOrder("1303", "2351");
        List<IBaseResource> documents = daos.getResourceDao("DocumentReference").search(SearchParameterMap
                        .newSynchronous().add("_tag", new TokenParam(HubSystems.SOURCE_FACILITY, hospital)),
                new SystemRequestDetails()).getAllResources().stream()
                .filter(d -> subject.equals(((org.hl7.fhir.r4.model.DocumentReference) d).getSubject().getReference()))
                .toList();
        assertThat(documents).hasSize(1);
        assertThat(((org.hl7.fhir.r4.model.DocumentReference) documents.get(0)).getType().getCodingFirstRep().getCode())
                .isEqualTo("18842-5");
    }

    @Test
    void garbageIsRefusedAr() throws Exception {
        try (SSLSocket socket = connect(demoGateway("hospital"))) {
            ACK ack = exchange(socket, "hello, world".getBytes(StandardCharsets.US_ASCII));

            assertThat(ack.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AR");
            assertThat(ack.getERR(0).getUserMessage().getValue()).contains("does not start with an MSH segment");
        }
    }

    @Test
    void aRevokedClinicGatewayCertificateIsRefusedInTheHandshake(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String clinic = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
        // a second gateway of the demo clinic, so that the demo's own one stays usable by the other tests
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        String csr = pem(new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=mllp-it"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        IssuedDeviceCertificate issued = devices.issue(clinic, "mllp-it-" + System.nanoTime(), DeviceKind.GATEWAY, csr,
                "MllpIT");
        Files.writeString(dir.resolve("gw.key"), pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        Files.writeString(dir.resolve("gw.crt"), issued.certificatePem());
        SSLContext gateway = FhirHttp.deviceContext(HubIntegrationTest.HOME, dir.resolve("gw.key"), dir.resolve("gw.crt"));
        try (SSLSocket socket = connect(gateway)) {
            assertThat(exchange(socket, "hello".getBytes(StandardCharsets.US_ASCII)).getMSA().getAcknowledgmentCode()
                    .getValue()).as("connected before the revocation").isEqualTo("AR");
        }

        devices.revoke(clinic, issued.deviceId(), RevocationReason.KEY_COMPROMISE, "MllpIT");

        // a new TLS context: no session to resume, so the certificate is presented and checked in the handshake
        SSLContext fresh = FhirHttp.deviceContext(HubIntegrationTest.HOME, dir.resolve("gw.key"), dir.resolve("gw.crt"));
        assertThatThrownBy(() -> {
            try (SSLSocket socket = connect(fresh)) {
                exchange(socket, "hello".getBytes(StandardCharsets.US_ASCII));
            }
        }).isInstanceOf(IOException.class);
    }

    private static SSLContext demoGateway(String stem) {
        return FhirHttp.deviceContext(HubIntegrationTest.HOME, HubIntegrationTest.HOME.resolve("demo/" + stem + "-gateway.key"),
                HubIntegrationTest.HOME.resolve("demo/" + stem + "-gateway.crt"));
    }

    private SSLSocket connect(SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", listener.port());
        socket.setSoTimeout(30_000);
        socket.startHandshake();
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

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
