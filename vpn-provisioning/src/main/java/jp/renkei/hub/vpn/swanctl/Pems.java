package jp.renkei.hub.vpn.swanctl;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/** PEM text of certificates, CRLs and (PKCS#8) private keys, as strongSwan's pem plugin reads them. */
final class Pems {

    private Pems() {
    }

    static String of(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (object instanceof java.security.PrivateKey key) {
                PemObjectGenerator pkcs8 = new JcaPKCS8Generator(key, null);
                writer.writeObject(pkcs8);
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
