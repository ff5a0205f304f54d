package jp.renkei.hub.regional.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CAdES detached and XAdES enveloped signatures made by the hub's {@link DocumentSigner} with keys of the tests' own
 * HPKI-shaped CA, checked by the same verifier against that CA and its CRL (offline files).
 */
class CadesVerificationTest {

    private static final char[] PASSWORD = "p12-secret".toCharArray();
    private static final byte[] LETTER = "診療情報提供書 本文".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path anchors;
    @TempDir
    Path crls;

    TestHpkiCa ca;
    TestHpkiCa.Issued doctor;
    DocumentSigner signer = new DocumentSigner(Clock.systemUTC());

    @BeforeEach
    void ca() throws Exception {
        ca = new TestHpkiCa("Renkei Test HPKI CA");
        ca.writeAnchor(anchors);
        doctor = ca.issue("Taro Renkei", "Medical Doctor");
    }

    private SignatureVerifier verifier() throws Exception {
        Files.write(crls.resolve("test-hpki.crl"), ca.crl());
        return new SignatureVerifier(new HpkiTrust(new HpkiProperties(anchors, crls, false, null)), Clock.systemUTC());
    }

    private SignedFile signDetached(TestHpkiCa.Issued who) throws Exception {
        try (SigningKey key = new SigningKey(who.pkcs12(PASSWORD, ca.certificate), PASSWORD)) {
            return signer.signDetached(LETTER, key);
        }
    }

    @Test
    void aDetachedCadesSignatureByAnHpkiDoctorVerifiesWithTheCrl() throws Exception {
        SignedFile signed = signDetached(doctor);

        SignatureVerification result = verifier().verify(signed.bytes(), "letter.p7s", Optional.of(LETTER));

        assertThat(signed.format()).isEqualTo(SignatureFormat.CADES);
        assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.VALID);
        assertThat(result.format()).isEqualTo(SignatureFormat.CADES);
        assertThat(result.hcRole().code()).isEqualTo("Medical Doctor");
        assertThat(result.signerName()).isEqualTo("Taro Renkei");
        assertThat(result.signingTime()).isNotNull();
        assertThat(result.chain()).hasSize(2);
    }

    @Test
    void otherContentThanWhatWasSignedFails() throws Exception {
        SignedFile signed = signDetached(doctor);

        SignatureVerification result = verifier().verify(signed.bytes(), "letter.p7s",
                Optional.of("別の本文".getBytes(StandardCharsets.UTF_8)));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.reason()).isEqualTo(VerificationReason.CONTENT_CHANGED);
    }

    @Test
    void aRevokedCertificateFailsAsRevoked() throws Exception {
        SignedFile signed = signDetached(doctor);
        ca.revoke(doctor);

        SignatureVerification result = verifier().verify(signed.bytes(), "letter.p7s", Optional.of(LETTER));

        assertThat(result.verdict()).isNotEqualTo(Verdict.VALID);
        assertThat(result.reason()).isEqualTo(VerificationReason.REVOKED);
    }

    @Test
    void withoutAnyCrlTheRevocationStatusIsUnknown() throws Exception {
        SignedFile signed = signDetached(doctor);
        SignatureVerifier noCrls = new SignatureVerifier(
                new HpkiTrust(new HpkiProperties(anchors, null, false, null)), Clock.systemUTC());

        SignatureVerification result = noCrls.verify(signed.bytes(), "letter.p7s", Optional.of(LETTER));

        assertThat(result.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(result.reason()).isIn(VerificationReason.REVOCATION_UNKNOWN, VerificationReason.CHAIN_NOT_CONCLUSIVE);
    }

    @Test
    void aCertificateWithoutHcRoleIsNoHpkiSignature() throws Exception {
        SignedFile signed = signDetached(ca.issue("Hanako Clerk", null));

        SignatureVerification result = verifier().verify(signed.bytes(), "letter.p7s", Optional.of(LETTER));

        assertThat(result.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(result.reason()).isEqualTo(VerificationReason.NO_HC_ROLE);
    }

    @Test
    void anXadesEnvelopedLetterSignedInTheHubVerifies() throws Exception {
        byte[] xml = "<Bundle xmlns=\"http://hl7.org/fhir\"><id value=\"letter-1\"/></Bundle>"
                .getBytes(StandardCharsets.UTF_8);
        SignedFile signed;
        try (SigningKey key = new SigningKey(doctor.pkcs12(PASSWORD, ca.certificate), PASSWORD)) {
            signed = signer.signXml(xml, key);
        }

        SignatureVerification result = verifier().verify(signed.bytes(), "letter.xml");

        assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.VALID);
        assertThat(result.format()).isEqualTo(SignatureFormat.XADES);
        assertThat(result.hcRole().labelJa()).isEqualTo("医師");
    }

    @Test
    void aWrongPkcs12PasswordIsRefusedWithoutQuotingTheFile() throws Exception {
        byte[] p12 = doctor.pkcs12(PASSWORD, ca.certificate);

        assertThatThrownBy(() -> signer.signDetached(LETTER, new SigningKey(p12, "wrong".toCharArray())))
                .isInstanceOf(SigningKeyException.class)
                .hasMessage("The PKCS#12 file cannot be opened with this password")
                .hasNoCause();
    }
}
