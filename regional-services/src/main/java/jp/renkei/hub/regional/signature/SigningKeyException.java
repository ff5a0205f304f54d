package jp.renkei.hub.regional.signature;

/** The PKCS#12 file cannot be opened with the password given, or holds no key that can sign. */
public class SigningKeyException extends RuntimeException {

    public SigningKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
