package jp.renkei.hub.dicom.deid;

/**
 * An instance the hub will not release as de-identified because removing attributes cannot make it so: its
 * pixels carry burned-in annotation, which only a person (or pixel redaction the hub does not do) can remove.
 */
public class NotDeidentifiableException extends RuntimeException {

    public NotDeidentifiableException(String message) {
        super(message);
    }
}
