package jp.renkei.hub.app.backup;

/** A backup or restore that cannot go on; the message tells the operator what is wrong and what to do. */
public class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
