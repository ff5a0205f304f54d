package jp.renkei.hub.regional.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JAHIS prescription signed with the MEDIS HPKI test certificate (../shared/testdata/hpki), checked by DSS. */
class HpkiXadesVerificationTest {

    @TempDir
    Path medisAnchor;

    byte[] prescription;

    @BeforeEach
    void configureTheSignersIssuerAsAnchor() throws Exception {
        prescription = HpkiTestData.prescription();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate signer = (X509Certificate) factory.generateCertificate(
                Files.newInputStream(HpkiTestData.SIGNER));
        for (byte[] der : HpkiTestData.embeddedCertificates(prescription)) {
            X509Certificate certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            if (certificate.getSubjectX500Principal().equals(signer.getIssuerX500Principal())) {
                Files.write(medisAnchor.resolve("medis-sign-ca2.der"), der);
            }
        }
        assertThat(medisAnchor.resolve("medis-sign-ca2.der")).exists();
    }

    private static SignatureVerifier verifierTrusting(Path anchors) {
        return new SignatureVerifier(new HpkiTrust(new HpkiProperties(anchors, null, false, null)),
                Clock.systemUTC());
    }

    @Test
    void theHpkiSignedPrescriptionVerifiesWithTheMedicalDoctorRole() {
        SignatureVerification result = verifierTrusting(medisAnchor).verify(prescription, "Prescription-004_01.xml");

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
        assertThat(result.reason()).isEqualTo(VerificationReason.NONE);
        assertThat(result.format()).isEqualTo(SignatureFormat.XADES);
        assertThat(result.hcRole().code()).isEqualTo("Medical Doctor");
        assertThat(result.hcRole().labelJa()).isEqualTo("医師");
        assertThat(result.signerName()).isEqualTo("神楽坂　三十四 (Sanjushi Kagurazaka)");
        assertThat(result.signingTime()).isEqualTo(Instant.parse("2022-09-07T08:08:01Z"));
        assertThat(result.chain()).hasSize(3);
        assertThat(result.chain().get(0)).contains("CN=Sanjushi Kagurazaka").contains("SERIALNUMBER=Test117120");
        assertThat(result.chain().get(1)).contains("CN=HPKI-01-MedisSignCA2-forNonRepudiation");
        assertThat(result.chain().get(2)).contains("OU=MHLW HPKI Root CA V2");
    }

    @Test
    void aTamperedCopyFailsBecauseTheSignedContentChanged() {
        String xml = new String(prescription, StandardCharsets.UTF_8);
        int content = xml.indexOf("<PrescriptionDocument id=\"PrescriptionDocument\">") + 60;
        char changed = xml.charAt(content) == 'A' ? 'B' : 'A';
        byte[] tampered = (xml.substring(0, content) + changed + xml.substring(content + 1))
                .getBytes(StandardCharsets.UTF_8);

        SignatureVerification result = verifierTrusting(medisAnchor).verify(tampered, "tampered.xml");

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.reason()).isEqualTo(VerificationReason.CONTENT_CHANGED);
        assertThat(result.detail()).contains("HASH_FAILURE");
    }

    @Test
    void withOtherTrustAnchorsItIsNotTrusted(@TempDir Path otherAnchors) throws Exception {
        new TestHpkiCa("Some Other CA").writeAnchor(otherAnchors);

        SignatureVerification result = verifierTrusting(otherAnchors).verify(prescription, "Prescription-004_01.xml");

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.reason()).isEqualTo(VerificationReason.NOT_TRUSTED);
        assertThat(result.hcRole().code()).isEqualTo("Medical Doctor");
    }

    @Test
    void withNoTrustAnchorsConfiguredNothingIsTrusted() {
        SignatureVerification result = verifierTrusting(null).verify(prescription, "Prescription-004_01.xml");

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.reason()).isEqualTo(VerificationReason.NOT_TRUSTED);
    }

    @Test
    void malformedFilesAreRefusedWithAClearError() {
        SignatureVerifier verifier = verifierTrusting(medisAnchor);
        assertThatThrownBy(() -> verifier.verify("not a signature".getBytes(StandardCharsets.UTF_8), "x.txt"))
                .isInstanceOf(MalformedSignatureException.class);
        assertThatThrownBy(() -> verifier.verify("<Document><a/></Document>".getBytes(StandardCharsets.UTF_8),
                "unsigned.xml")).isInstanceOf(MalformedSignatureException.class);
        String xml = new String(prescription, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify(xml.substring(0, xml.length() / 2).getBytes(StandardCharsets.UTF_8),
                "truncated.xml")).isInstanceOf(MalformedSignatureException.class);
    }

    @Test
    void theHcRoleIsReadFromTheHpkiTestCertificate() throws Exception {
        X509Certificate signer = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(HpkiTestData.SIGNER));

        assertThat(HcRoles.of(signer)).containsExactly(new HcRole("Medical Doctor", "医師"));
    }
}
