package jp.renkei.hub.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;

import javax.security.auth.x500.X500Principal;

import jp.renkei.hub.core.pki.DeviceCertificates;
import jp.renkei.hub.core.pki.DeviceKind;
import jp.renkei.hub.core.pki.IssuedDeviceCertificate;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A demo facility's gateway (the hospital's and the clinic's): a device registered through the same certificate path a real site uses
 * (key pair made here, CSR signed by the hub CA), with its key and certificate written to
 * {@code ${renkei.home}/demo/<facility>-gateway.{key,crt}} (readable only by the hub's account) so that the demo can be driven with
 * {@code curl --cert}. Renewed when the files are missing or the certificate no longer authenticates.
 */
final class DemoGatewayCredentials {

    static final String DEVICE_NAME = "demo-gateway";

    private DemoGatewayCredentials() {
    }

    static Path ensure(DeviceCertificates devices, String facilityId, String stem, Path directory, String actor) {
        Path certificate = directory.resolve(stem + "-gateway.crt");
        Path key = directory.resolve(stem + "-gateway.key");
        if (Files.exists(key) && Files.exists(certificate) && devices.authenticate(read(certificate)).isPresent()) {
            return certificate;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            String csr = pem(new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=" + DEVICE_NAME), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            IssuedDeviceCertificate issued = devices.issue(facilityId, DEVICE_NAME, DeviceKind.GATEWAY, csr, actor);
            Files.createDirectories(directory);
            writePrivate(key, pem(new JcaPKCS8Generator(keys.getPrivate(), null))); // PKCS#8: what OpenSSL and curl read
            writePrivate(certificate, issued.certificatePem());
            return certificate;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make the demo gateway's key", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            return null; // unreadable: treated as missing and renewed
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
