package jp.renkei.hub.regional.signature;

/** The uploaded file holds no signature the hub can read (not XAdES, CAdES or PAdES, or broken beyond reading). */
public class MalformedSignatureException extends RuntimeException {

    public MalformedSignatureException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedSignatureException(String message) {
        super(message);
    }
}
