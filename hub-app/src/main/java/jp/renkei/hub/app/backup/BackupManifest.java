package jp.renkei.hub.app.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code manifest.json}, written last into a backup directory: what the backup holds, every file with its size,
 * SHA-256 and permissions, and what a restore is checked against (the audit chain's latest checkpoint, the
 * counts). A backup directory without it is not a backup.
 *
 * @param format           layout version of the backup directory
 * @param hubVersion       version of the hub that made the backup
 * @param createdAt        when the backup finished (ISO-8601, UTC)
 * @param sourceHome       the home directory that was backed up
 * @param database         how the database was copied
 * @param auditCheckpoint  the newest chained audit event when the copy was made; null for an empty trail
 * @param resourceCounts   FHIR resources (not deleted) per type, counted during the copy
 * @param dicomInstances   instances in the DICOM index of the copied database
 * @param missingDicomObjects indexed instances whose file was missing from the object store when copied
 * @param directories      directories to recreate (relative to the backup directory), empty ones included
 * @param files            every file of the backup but the manifest
 */
record BackupManifest(int format, String hubVersion, String createdAt, String sourceHome, Database database,
                      AuditCheckpoint auditCheckpoint, Map<String, Long> resourceCounts, long dicomInstances,
                      long missingDicomObjects, List<String> directories, List<BackupFile> files) {

    static final int FORMAT = 1;
    static final String FILE_NAME = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** How the database is in the backup. */
    enum DatabaseKind {
        /** {@code database/pgdata}: a base backup of the embedded cluster with the WAL it needs. */
        EMBEDDED_BASE_BACKUP,
        /** {@code database/renkei.dump}: pg_dump's custom format of the external database. */
        EXTERNAL_PG_DUMP
    }

    /**
     * @param kind          embedded base backup or external dump
     * @param serverVersion PostgreSQL's {@code server_version} of the source
     * @param startLsn      WAL position where the base backup starts (embedded only)
     * @param stopLsn       WAL position where it becomes consistent (embedded only)
     */
    record Database(DatabaseKind kind, String serverVersion, String startLsn, String stopLsn) {
    }

    /** The newest chained event of the audit trail: a restored database must hold it, with this hash. */
    record AuditCheckpoint(long seq, String hash) {
    }

    /** One file: path relative to the backup directory ({@code /}-separated), size, SHA-256 (hex), POSIX mode. */
    record BackupFile(String path, long size, String sha256, String mode) {
    }

    void write(Path backup) throws IOException {
        Path temporary = backup.resolve(FILE_NAME + ".tmp");
        JSON.writeValue(temporary.toFile(), this);
        Files.move(temporary, backup.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
    }

    static BackupManifest read(Path backup) {
        Path file = backup.resolve(FILE_NAME);
        try {
            BackupManifest manifest;
            try (InputStream in = Files.newInputStream(file)) {
                manifest = JSON.readValue(in, BackupManifest.class);
            }
            if (manifest.format() != FORMAT || manifest.database() == null || manifest.files() == null
                    || manifest.directories() == null) {
                throw new BackupException(file + " is not a backup manifest of format " + FORMAT
                        + " (made by another version, or damaged)");
            }
            return manifest;
        } catch (NoSuchFileException e) {
            throw new BackupException(backup + " is not a complete backup: it has no " + FILE_NAME
                    + " (a backup writes it last; an interrupted backup has none)");
        } catch (JacksonException e) {
            throw new BackupException(file + " is damaged and cannot be read: " + e.getOriginalMessage());
        } catch (IOException e) {
            if (!Files.isDirectory(backup)) {
                throw new BackupException(backup + " is not a directory");
            }
            throw new BackupException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
