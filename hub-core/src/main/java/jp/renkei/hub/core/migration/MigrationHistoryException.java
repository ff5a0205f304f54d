package jp.renkei.hub.core.migration;

/** The database's migration history does not fit the modules of this hub; the hub does not start on it. */
public class MigrationHistoryException extends RuntimeException {

    public MigrationHistoryException(String message) {
        super(message);
    }
}
