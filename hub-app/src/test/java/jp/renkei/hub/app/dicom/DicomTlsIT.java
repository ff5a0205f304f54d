package jp.renkei.hub.app.dicom;

import static jp.renkei.hub.app.dicom.DicomFixtures.HUB_AE;
import static jp.renkei.hub.app.dicom.DicomFixtures.requireDcmtk;
import static jp.renkei.hub.app.dicom.DicomFixtures.run;
import static jp.renkei.hub.app.dicom.DicomFixtures.uncompressed;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.security.auth.x500.X500Principal;

import jp.renkei.hub.app.demo.DemoFacility;
import jp.renkei.hub.app.dicom.DicomFixtures.Result;
import jp.renkei.hub.app.support.FhirHttp;
import jp.renkei.hub.app.support.HubIntegrationTest;
import jp.renkei.hub.app.support.TestPeople;
import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import jp.renkei.hub.core.pki.IssuedDeviceCertificate;
import jp.renkei.hub.core.pki.RevocationReason;
import jp.renkei.hub.dicom.file.HubUids;
import jp.renkei.hub.dicom.net.Pdu;
import jp.renkei.hub.dicom.server.DicomBridgeConfig;
import jp.renkei.hub.dicom.store.ImageIndex;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The DICOM TLS listener (on for the tests on a free port): over TLS an AE title counts with a device certificate
 * of its own facility, whatever the source address; another facility's certificate claiming it is rejected and
 * audited; without a client certificate or below TLS 1.2 there is no TLS session at all. DCMTK plays the PACS.
 */
@HubIntegrationTest
class DicomTlsIT {

    private static final String PACS = DemoFacility.HOSPITAL.aeTitles().get(0);
    private static final Path CA = HubIntegrationTest.HOME.resolve("pki/ca.crt").toAbsolutePath();

    @Autowired
    ApplicationContext context;
    @Autowired
    DicomBridgeConfig.DicomListener listener;
    @Autowired
    ImageIndex index;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DeviceCertificates devices;

    String hospitalId;
    String clinicId;

    @BeforeEach
    void setUp() {
        requireDcmtk("echoscu", "storescu");
        hospitalId = TestPeople.demoFacilityId(context, DemoFacility.HOSPITAL);
        clinicId = TestPeople.demoFacilityId(context, DemoFacility.CLINIC);
    }

    @Test
    void theHospitalsCertificateVouchesForItsAeTitleAndItsInstancesLandAsTheHospitals(@TempDir Path work)
            throws Exception {
        Result echo = run("echoscu", "-v", "+tls", key("hospital"), certificate("hospital"), "+cf", CA.toString(),
                "-aet", PACS, "-aec", HUB_AE, "127.0.0.1", port());
        assertThat(echo.exit()).as(echo.output()).isZero();
        assertThat(echo.output()).contains("Received Echo Response (Success)");

        String study = HubUids.random();
        Path instance = uncompressed(work, study, "DCM-TLS-1");
        Result sent = run("storescu", "+tls", key("hospital"), certificate("hospital"), "+cf", CA.toString(),
                "-aet", PACS, "-aec", HUB_AE, "127.0.0.1", port(), instance.toString());
        assertThat(sent.exit()).as(sent.output()).isZero();
        assertThat(index.study(study).orElseThrow().facilityId()).isEqualTo(hospitalId);
    }

    @Test
    void overTlsTheSourceAddressDoesNotMatterButOverPlainTcpItDoes() throws Exception {
        // 127.0.0.2 is outside the hospital's site prefixes (DicomSiteBindingIT): plain TCP from there is refused.
        assertThat(associateOverTls(deviceContext("hospital"), "127.0.0.2")).isInstanceOf(Pdu.AssociateAccept.class);
    }

    @Test
    void theClinicsCertificateClaimingTheHospitalsAeTitleIsRejectedAndAudited() throws Exception {
        long before = jdbc.sql("SELECT coalesce(max(seq), 0) FROM hub.audit_event").query(Long.class).single();

        Result echo = run("echoscu", "-v", "+tls", key("clinic"), certificate("clinic"), "+cf", CA.toString(),
                "-aet", PACS, "-aec", HUB_AE, "127.0.0.1", port());
        assertThat(echo.exit()).as(echo.output()).isNotZero();
        assertThat(echo.output()).contains("Association Rejected").contains("Calling AE Title Not Recognized");
        // from inside the hospital's site too: the certificate is what counts over TLS
        assertThat(associateOverTls(deviceContext("clinic"), "127.0.0.1")).isEqualTo(new Pdu.AssociateReject(1, 1, 3));

        List<String> audited = jdbc.sql("SELECT outcome || ' ' || source_ip || ' ' || facility_id || ' ' || detail"
                        + " FROM hub.audit_event WHERE seq > :before AND resource = :resource ORDER BY seq")
                .param("before", before).param("resource", "DICOM TLS association " + PACS + " -> " + HUB_AE)
                .query(String.class).list();
        assertThat(audited).hasSize(2).allSatisfy(entry -> assertThat(entry)
                .startsWith("DENIED 127.0.0.1 " + hospitalId + " calling AE title '" + PACS
                        + "' is bound to its facility's certificates: client certificate ")
                .endsWith(" was issued to facility " + clinicId + ", not to facility " + hospitalId));
    }

    @Test
    void aRevokedCertificateOfTheFacilityNoLongerVouchesForItsAeTitle(@TempDir Path dir) throws Exception {
        // a PACS forwarder of the hospital's own, so that the demo's gateway certificate stays usable
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        String csr = pem(new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=dicom-tls-it"),
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        IssuedDeviceCertificate issued = devices.issue(hospitalId, "dicom-tls-it-" + System.nanoTime(),
                DeviceKind.PACS_FORWARDER, csr, "DicomTlsIT");
        Files.writeString(dir.resolve("pacs.key"), pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        Files.writeString(dir.resolve("pacs.crt"), issued.certificatePem());
        SSLContext forwarder = FhirHttp.deviceContext(HubIntegrationTest.HOME, dir.resolve("pacs.key"),
                dir.resolve("pacs.crt"));
        assertThat(associateOverTls(forwarder, "127.0.0.2")).isInstanceOf(Pdu.AssociateAccept.class);

        devices.revoke(hospitalId, issued.deviceId(), RevocationReason.KEY_COMPROMISE, "DicomTlsIT");

        // still a certificate of the hub CA, so the handshake passes; the policy refuses it
        assertThat(associateOverTls(FhirHttp.deviceContext(HubIntegrationTest.HOME, dir.resolve("pacs.key"),
                dir.resolve("pacs.crt")), "127.0.0.1")).isEqualTo(new Pdu.AssociateReject(1, 1, 3));
    }

    @Test
    void withoutAClientCertificateThereIsNoTlsSession() throws Exception {
        Result echo = run("echoscu", "+tla", "+cf", CA.toString(), "-aet", PACS, "-aec", HUB_AE, "127.0.0.1", port());
        assertThat(echo.exit()).as(echo.output()).isNotZero();
        // the same echo with the hospital's certificate is answered (above); here the hub ends the handshake
        assertThat(echo.output()).doesNotContain("Echo Response").contains("Association Request Failed");
    }

    @Test
    void tls11IsRefusedByTheHub() throws Exception {
        // SECLEVEL=0 lets the client offer TLS 1.1, so the refusal seen is the hub's protocol_version alert.
        Result old = run("openssl", "s_client", "-connect", "127.0.0.1:" + port(), "-tls1_1",
                "-cipher", "DEFAULT@SECLEVEL=0", "-cert", certificate("hospital"), "-key", key("hospital"),
                "-CAfile", CA.toString());
        assertThat(old.exit()).as(old.output()).isNotZero();
        assertThat(old.output()).containsIgnoringCase("protocol version");
        Result current = run("openssl", "s_client", "-connect", "127.0.0.1:" + port(), "-tls1_2",
                "-cert", certificate("hospital"), "-key", key("hospital"), "-CAfile", CA.toString());
        assertThat(current.output()).as(current.output()).contains("Protocol  : TLSv1.2");
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private String port() {
        assertThat(listener.tlsPort()).as("the DICOM TLS listener runs").isPositive();
        return String.valueOf(listener.tlsPort());
    }

    private static String key(String facility) {
        return HubIntegrationTest.HOME.resolve("demo/" + facility + "-gateway.key").toAbsolutePath().toString();
    }

    private static String certificate(String facility) {
        return HubIntegrationTest.HOME.resolve("demo/" + facility + "-gateway.crt").toAbsolutePath().toString();
    }

    private static SSLContext deviceContext(String facility) {
        return FhirHttp.deviceContext(HubIntegrationTest.HOME, Path.of(key(facility)), Path.of(certificate(facility)));
    }

    /** A-ASSOCIATE-RQ for Verification as the hospital's PACS over TLS from {@code source}; the hub's answer. */
    private Pdu associateOverTls(SSLContext tls, String source) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"),
                listener.tlsPort(), InetAddress.getByName(source), 0)) {
            return DicomFixtures.askVerification(socket, PACS, "TLSIT");
        }
    }
}
