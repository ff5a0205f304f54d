package jp.renkei.hub.core.security;

/** A purpose of use the hub does not accept; the message names the accepted codes. */
public class UnknownPurposeOfUseException extends RuntimeException {

    public UnknownPurposeOfUseException(String message) {
        super(message);
    }
}
