package jp.renkei.hub.regional.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Date;
import java.util.List;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs12SignatureToken;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PAdES: a PDF referral letter signed elsewhere (here by DSS's own PAdES service, as a signing application would,
 * with a key of the tests' HPKI-shaped CA) verifies with the signer's hcRole; a changed byte of the signed PDF fails.
 */
class PadesVerificationTest {

    private static final char[] PASSWORD = "p12-secret".toCharArray();
    private static final String TITLE = "Renkei referral letter 0001";

    @TempDir
    Path anchors;
    @TempDir
    Path crls;

    TestHpkiCa ca;

    @BeforeEach
    void ca() throws Exception {
        ca = new TestHpkiCa("Renkei Test HPKI CA");
        ca.writeAnchor(anchors);
    }

    private SignatureVerifier verifier() throws Exception {
        Files.write(crls.resolve("test-hpki.crl"), ca.crl());
        return new SignatureVerifier(new HpkiTrust(new HpkiProperties(anchors, crls, false, null)), Clock.systemUTC());
    }

    @Test
    void aPdfSignedByAnHpkiDoctorVerifiesAndAChangedByteFails() throws Exception {
        byte[] signed = signPdf(unsignedPdf(), ca.issue("Taro Renkei", "Medical Doctor").pkcs12(PASSWORD, ca.certificate));

        SignatureVerification result = verifier().verify(signed, "letter.pdf");

        assertThat(result.format()).isEqualTo(SignatureFormat.PADES);
        assertThat(result.verdict()).as(result.detail()).isEqualTo(Verdict.VALID);
        assertThat(result.hcRole().code()).isEqualTo("Medical Doctor");
        assertThat(result.signerName()).isEqualTo("Taro Renkei");

        byte[] tampered = signed.clone();
        int at = indexOf(tampered, TITLE.getBytes(StandardCharsets.US_ASCII));
        assertThat(at).as("the title is in the signed revision, uncompressed").isPositive();
        tampered[at + TITLE.length() - 1] = '2';

        SignatureVerification changed = verifier().verify(tampered, "letter.pdf");

        assertThat(changed.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(changed.reason()).isEqualTo(VerificationReason.CONTENT_CHANGED);
    }

    @Test
    void aPdfSignedWithoutHcRoleIsNoHpkiSignature() throws Exception {
        byte[] signed = signPdf(unsignedPdf(), ca.issue("Hanako Clerk", null).pkcs12(PASSWORD, ca.certificate));

        SignatureVerification result = verifier().verify(signed, "letter.pdf");

        assertThat(result.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(result.reason()).isEqualTo(VerificationReason.NO_HC_ROLE);
    }

    private static byte[] unsignedPdf() throws Exception {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            pdf.addPage(new PDPage());
            pdf.getDocumentInformation().setTitle(TITLE);
            pdf.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }

    private static byte[] signPdf(byte[] pdf, byte[] pkcs12) throws Exception {
        try (Pkcs12SignatureToken token = new Pkcs12SignatureToken(new ByteArrayInputStream(pkcs12),
                new KeyStore.PasswordProtection(PASSWORD))) {
            DSSPrivateKeyEntry key = token.getKeys().get(0);
            PAdESSignatureParameters parameters = new PAdESSignatureParameters();
            parameters.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
            parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
            parameters.setSigningCertificate(key.getCertificate());
            parameters.setCertificateChain(List.of(key.getCertificateChain()));
            parameters.bLevel().setSigningDate(new Date());
            PAdESService service = new PAdESService(new CommonCertificateVerifier());
            DSSDocument document = new InMemoryDocument(pdf, "letter.pdf");
            ToBeSigned data = service.getDataToSign(document, parameters);
            SignatureValue value = token.sign(data, parameters.getDigestAlgorithm(), key);
            return DSSUtils.toByteArray(service.signDocument(document, parameters, value));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
