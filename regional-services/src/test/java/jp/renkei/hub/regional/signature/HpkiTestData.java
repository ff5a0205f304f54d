package jp.renkei.hub.regional.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JAHIS documents of ../shared/testdata/hpki, signed with the MEDIS HPKI test certificate, read in place.
 * Their XAdES CertificateValues carry the chain up to the MHLW HPKI Root CA V2, which the tests configure as the
 * trust anchor (read from the document, never copied into the repository).
 */
final class HpkiTestData {

    static final Path DIRECTORY = Path.of("../../shared/testdata/hpki");
    static final Path PRESCRIPTION = DIRECTORY.resolve("Prescription-004_01.xml");
    static final Path SIGNER = DIRECTORY.resolve("hpki-test-signer.der");

    private HpkiTestData() {
    }

    static byte[] prescription() throws IOException {
        return Files.readAllBytes(PRESCRIPTION);
    }

    /** Every certificate embedded in the document (DER), in document order. */
    static List<byte[]> embeddedCertificates(byte[] xml) {
        Matcher matcher = Pattern.compile("<(?:\\w+:)?(?:Encapsulated)?X509Certificate[^>]*>([^<]+)<")
                .matcher(new String(xml, StandardCharsets.UTF_8));
        List<byte[]> certificates = new ArrayList<>();
        while (matcher.find()) {
            certificates.add(Base64.getMimeDecoder().decode(matcher.group(1)));
        }
        return certificates;
    }
}
