package jp.renkei.hub.app.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a backup records about its database and a restore checks again: the audit chain's newest chained event,
 * the FHIR resources per type and the DICOM index, whose every instance must have its file in the object store.
 */
final class DatabaseFacts {

    private DatabaseFacts() {
    }

    /** The newest chained audit event, or null when the trail is empty. */
    static BackupManifest.AuditCheckpoint auditCheckpoint(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT seq, hash FROM hub.audit_event ORDER BY seq DESC LIMIT 1")) {
            return rs.next() ? new BackupManifest.AuditCheckpoint(rs.getLong(1), rs.getString(2)) : null;
        }
    }

    /** The hash of event {@code seq}, or null when there is no such event. */
    static String auditHash(Connection connection, long seq) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT hash FROM hub.audit_event WHERE seq = " + seq)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** FHIR resources that are not deleted, per type (HAPI's {@code hfj_resource}). */
    static Map<String, Long> resourceCounts(Connection connection) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT res_type, count(*) FROM hfj_resource WHERE res_deleted_at IS NULL GROUP BY res_type")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    static long dicomInstances(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM hub.dicom_instance")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The indexed instances whose file is not under {@code objects/} of {@code store}, at most {@code limit}
     * listed, all counted. Streams the keys (a fetch size works only inside a transaction): the caller decides
     * which snapshot they come from.
     */
    static MissingObjects missingDicomObjects(Connection connection, Path store, int limit) throws SQLException {
        List<String> listed = new ArrayList<>();
        long missing = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            try (ResultSet rs = statement.executeQuery("SELECT storage_key FROM hub.dicom_instance")) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    if (!Files.isRegularFile(store.resolve("objects").resolve(key))) {
                        missing++;
                        if (listed.size() < limit) {
                            listed.add(key);
                        }
                    }
                }
            }
        } finally {
            connection.commit();
            connection.setAutoCommit(autoCommit);
        }
        return new MissingObjects(missing, listed);
    }

    /** Instances indexed without a file: how many, and the first few keys. */
    record MissingObjects(long count, List<String> firstKeys) {
    }
}
