package jp.renkei.hub.core.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

import jp.renkei.hub.core.web.ApiException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class PkiDeviceCsrTest {

    @Test
    void acceptsEcP256P384AndRsa2048Keys() throws Exception {
        assertThat(DeviceCsr.parse(TestKeys.csr(TestKeys.EC_P256)).publicKey().getEncoded())
                .isEqualTo(TestKeys.EC_P256.getPublic().getEncoded());
        KeyPair p384 = TestKeys.ec("secp384r1");
        assertThat(DeviceCsr.parse(TestKeys.csr(p384)).publicKey().getEncoded()).isEqualTo(p384.getPublic().getEncoded());
        assertThat(DeviceCsr.parse(TestKeys.csr(TestKeys.RSA_2048)).publicKey().getEncoded())
                .isEqualTo(TestKeys.RSA_2048.getPublic().getEncoded());
    }

    @Test
    void acceptsTheCsrOfTheOpensslCommandInTheDocs() throws Exception {
        // Made with: openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout device.key -out device.csr -subj /CN=gateway-1
        try (var csr = getClass().getResourceAsStream("/pki/openssl-p256.csr")) {
            DeviceCsr parsed = DeviceCsr.parse(new String(csr.readAllBytes(), StandardCharsets.US_ASCII));
            assertThat(parsed.publicKey().getAlgorithm().getParameters()).hasToString("1.2.840.10045.3.1.7");
        }
    }

    @Test
    void refusesAnRsa1024Key() {
        assertRefused(TestKeys.csr(TestKeys.rsa(1024)))
                .hasMessage("csrPem: RSA key of 1024 bits is too weak; at least 2048 bits are required");
    }

    @Test
    void refusesOtherEcCurvesAndOtherAlgorithms() {
        assertRefused(TestKeys.csr(TestKeys.ec("secp521r1")))
                .hasMessage("csrPem: EC key on curve secp521r1 is not accepted; use P-256 or P-384");
        assertRefused(TestKeys.csr(TestKeys.generate("Ed25519")))
                .hasMessage("csrPem: key algorithm Ed25519 is not accepted; use EC P-256/P-384 or RSA of at least 2048 bits");
    }

    @Test
    void refusesARequestWhoseSignatureDoesNotProveThePrivateKey() {
        String forged = TestKeys.csr(TestKeys.EC_P256.getPublic(), TestKeys.ec("secp256r1").getPrivate());

        assertRefused(forged).hasMessage("csrPem: signature does not verify with the request's public key");
    }

    @Test
    void refusesTextThatIsNotACsr() {
        assertRefused("hello").hasMessage("csrPem: no PEM block found; expected -----BEGIN CERTIFICATE REQUEST-----");
        assertRefused(" ").hasMessage("csrPem: must not be blank");
        assertRefused("-----BEGIN CERTIFICATE REQUEST-----\nnot base64 at all!\n-----END CERTIFICATE REQUEST-----\n")
                .hasMessageStartingWith("csrPem: not a readable PEM PKCS#10 certificate signing request");
        assertRefused(TestKeys.pem(TestKeys.EC_P256.getPublic()))
                .hasMessage("csrPem: PEM block is not a PKCS#10 certificate signing request; "
                        + "expected -----BEGIN CERTIFICATE REQUEST-----");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String pem) {
        return assertThatThrownBy(() -> DeviceCsr.parse(pem))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.fieldErrors()).containsOnlyKeys("csrPem");
                });
    }
}
