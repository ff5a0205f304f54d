package jp.renkei.hub.vpn.netns;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import jp.renkei.hub.vpn.swanctl.SwanctlGenerator;
import jp.renkei.hub.vpn.testsupport.VpnFixtures;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A site router's swanctl directory as a site sets it up from the hub's archive, and a forged one. */
public final class SiteRouterFiles {

    private SiteRouterFiles() {
    }

    /**
     * The archive's {@code swanctl/} entries (SiteConfigArchive.entries) in {@code dir}, plus the router's
     * certificate and key where the generated swanctl.conf expects them.
     */
    public static Path write(Path dir, Map<String, String> archive, String certificatePem, KeyPair key) throws IOException {
        for (var entry : archive.entrySet()) {
            if (!entry.getKey().startsWith("swanctl/")) {
                continue;
            }
            Path target = dir.resolve(entry.getKey().substring("swanctl/".length()));
            if (entry.getKey().endsWith("/")) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                Files.writeString(target, entry.getValue());
            }
        }
        Files.createDirectories(dir.resolve("x509"));
        Files.createDirectories(dir.resolve("private"));
        Files.writeString(dir.resolve("x509").resolve(SwanctlGenerator.ROUTER_CERT_FILE), certificatePem);
        Files.writeString(dir.resolve("private").resolve(SwanctlGenerator.ROUTER_KEY_FILE), VpnFixtures.pem(key.getPrivate()));
        return dir;
    }

    /**
     * The site's directory with a key and a certificate for its IKE identity from a foreign CA that copies the hub
     * CA's name; it does not start by itself, so a test initiates once and sees the refusal.
     */
    public static Path forged(Path dir, Map<String, String> archive, X509Certificate hubCa, String identity)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPair rogueCa = VpnFixtures.ec("secp256r1");
        KeyPair rogueKey = VpnFixtures.ec("secp256r1");
        X500Name caName = X500Name.getInstance(hubCa.getSubjectX500Principal().getEncoded());
        var builder = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(4242),
                Date.from(Instant.now().minusSeconds(300)), Date.from(Instant.now().plus(Duration.ofDays(1))),
                new X500Name("CN=" + identity), rogueKey.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, identity)));
        } catch (CertIOException e) {
            throw new IOException(e);
        }
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rogueCa.getPrivate())));
        Path target = write(dir, archive, VpnFixtures.pem(certificate), rogueKey);
        Path conf = target.resolve("swanctl.conf");
        Files.writeString(conf, Files.readString(conf).replace("start_action = start", "start_action = none")
                .replace("close_action = start", "close_action = none").replace("dpd_action = restart", "dpd_action = clear"));
        return target;
    }
}
