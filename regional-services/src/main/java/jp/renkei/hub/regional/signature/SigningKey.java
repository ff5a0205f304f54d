package jp.renkei.hub.regional.signature;

import java.util.Arrays;

/**
 * A signer's PKCS#12 file and its password for one signing request. Held in memory only, never stored or logged;
 * {@link #close()} overwrites both.
 */
public final class SigningKey implements AutoCloseable {

    private final byte[] pkcs12;
    private final char[] password;

    public SigningKey(byte[] pkcs12, char[] password) {
        this.pkcs12 = pkcs12.clone();
        this.password = password.clone();
    }

    byte[] pkcs12() {
        return pkcs12;
    }

    char[] password() {
        return password;
    }

    @Override
    public void close() {
        Arrays.fill(pkcs12, (byte) 0);
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "SigningKey[hidden]";
    }
}
