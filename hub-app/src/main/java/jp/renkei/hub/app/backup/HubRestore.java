package jp.renkei.hub.app.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import jp.renkei.hub.core.audit.AuditVerification;
import jp.renkei.hub.core.audit.AuditVerifier;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@code ./hub restore [--replace] <dir>}: a backup into an empty (or new) {@code RENKEI_HOME}. Everything is first
 * written into a staging directory beside the home and checked there — every file's size and SHA-256 against the
 * manifest while it is copied; the database started, recovered and holding the audit checkpoint with its hash;
 * the whole audit chain verified; every indexed DICOM instance's file present — and only then moved into place in
 * one rename. Any failure deletes the staging directory: nothing half-restored.
 */
final class HubRestore {

    private final HubLocations hub;
    private final Map<String, String> environment;
    private final PrintStream out;

    HubRestore(HubLocations hub, Map<String, String> environment, PrintStream out) {
        this.hub = hub;
        this.environment = environment;
        this.out = out;
    }

    void run(Path backup, boolean replace) throws IOException, SQLException, InterruptedException {
        BackupManifest manifest = BackupManifest.read(backup);
        boolean external = manifest.database().kind() == BackupManifest.DatabaseKind.EXTERNAL_PG_DUMP;
        if (external != hub.externalDatabase().isPresent()) {
            throw new BackupException(external
                    ? "This backup holds a dump of an external database: set RENKEI_DB_URL (and RENKEI_DB_USER, "
                            + "RENKEI_DB_PASSWORD) to the new, empty database to restore it into"
                    : "This backup holds the embedded database; RENKEI_DB_URL is set: unset it to restore");
        }
        Path home = hub.home();
        boolean homeExists = checkTarget(home, replace);
        Path staging = home.resolveSibling("." + home.getFileName() + ".restoring-" + ProcessHandle.current().pid());
        BackupFiles.deleteTree(staging);
        long started = System.nanoTime();
        try {
            Files.createDirectories(staging);
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwx------"));
            out.println("restore: checking and copying " + manifest.files().size() + " files of " + backup
                    + " (made " + manifest.createdAt() + " from " + manifest.sourceHome() + ")");
            copyVerified(backup, manifest, staging);
            if (external) {
                out.println("restore: pg_restore into " + hub.externalDatabase().get().jdbcUrl());
                ExternalDatabaseRestore.restore(hub.externalDatabase().get(),
                        backup.resolve(ExternalDatabaseRestore.DUMP), environment);
                try (Connection connection = ExternalDatabaseRestore.connect(hub.externalDatabase().get())) {
                    check(connection, manifest, staging);
                }
            } else {
                out.println("restore: starting the restored PostgreSQL (it replays the backup's WAL) and checking it");
                try (EmbeddedCluster cluster = EmbeddedCluster.start(staging.resolve("pgdata"), hub.embeddedDatabase());
                     Connection connection = cluster.connect()) {
                    check(connection, manifest, staging);
                }
            }
            if (homeExists) {
                setAside(home);
            }
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | SQLException | InterruptedException | RuntimeException e) {
            BackupFiles.deleteTree(staging);
            if (external && !(e instanceof BackupException && e.getMessage().startsWith("The database "))) {
                out.println("restore: the database " + hub.externalDatabase().get().jdbcUrl() + " may hold the "
                        + "restored data now: drop and recreate it empty before trying again");
            }
            throw e;
        }
        out.printf("restore: done in %.1f s; start the hub with RENKEI_HOME=%s ./hub start%n",
                (System.nanoTime() - started) / 1e9, home);
        if (!hub.dicomStoreInHome()) {
            out.println("restore: the DICOM object store is in " + home.resolve("dicom")
                    + "; move it to " + hub.dicomStore() + " or unset RENKEI_DICOM_STORAGEROOT");
        }
    }

    /** Whether the home exists (empty, or to be replaced); refuses a non-empty one without {@code --replace}. */
    private static boolean checkTarget(Path home, boolean replace) throws IOException {
        if (!Files.exists(home)) {
            return false;
        }
        if (!Files.isDirectory(home)) {
            throw new BackupException("RENKEI_HOME " + home + " exists and is not a directory");
        }
        boolean empty;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(home)) {
            empty = !entries.iterator().hasNext();
        }
        if (!empty && !replace) {
            throw new BackupException("RENKEI_HOME " + home + " is not empty: restore into a new or empty directory "
                    + "(set RENKEI_HOME), or add --replace to move the present home aside (it is kept as "
                    + home.getFileName() + ".before-restore-<time>)");
        }
        if (EmbeddedCluster.running(home.resolve("pgdata"))) {
            throw new BackupException("A hub (its PostgreSQL) is running on " + home + ": stop it first");
        }
        return true;
    }

    private void copyVerified(Path backup, BackupManifest manifest, Path staging) throws IOException {
        for (String directory : manifest.directories()) {
            restoredPath(directory, staging).ifPresent(this::createDirectory);
        }
        for (BackupManifest.BackupFile file : manifest.files()) {
            Path source = inside(backup, file.path());
            Optional<Path> target = restoredPath(file.path(), staging);
            MessageDigest sha256 = BackupFiles.sha256();
            long size;
            try (InputStream in = new DigestInputStream(Files.newInputStream(source), sha256);
                 OutputStream outStream = target.isPresent()
                         ? Files.newOutputStream(createParent(target.get()), StandardOpenOption.CREATE_NEW)
                         : OutputStream.nullOutputStream()) {
                size = in.transferTo(outStream);
            } catch (NoSuchFileException e) {
                throw new BackupException("The backup is incomplete: " + file.path() + " is missing from " + backup);
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (size != file.size() || !actual.equals(file.sha256())) {
                throw new BackupException("The backup is damaged: " + file.path() + " has " + size + " bytes with "
                        + "SHA-256 " + actual + ", the manifest says " + file.size() + " bytes with SHA-256 "
                        + file.sha256() + ". Nothing was restored; use another copy of this backup");
            }
            if (target.isPresent()) {
                Files.setPosixFilePermissions(target.get(), PosixFilePermissions.fromString(file.mode()));
            }
        }
        Path pgdata = staging.resolve("pgdata");
        if (Files.isDirectory(pgdata)) {
            // PostgreSQL refuses a data directory others may read.
            Files.setPosixFilePermissions(pgdata, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private void check(Connection connection, BackupManifest manifest, Path staging) throws SQLException {
        BackupManifest.AuditCheckpoint checkpoint = manifest.auditCheckpoint();
        if (checkpoint != null) {
            String hash = DatabaseFacts.auditHash(connection, checkpoint.seq());
            if (!checkpoint.hash().equals(hash)) {
                throw new BackupException("The restored database does not hold the backup's audit checkpoint: event "
                        + checkpoint.seq() + " should have hash " + checkpoint.hash() + ", it has "
                        + (hash == null ? "no such event" : hash) + ". Nothing was restored");
            }
        }
        SingleConnectionDataSource restored = new SingleConnectionDataSource(connection, true);
        AuditVerification verification = new AuditVerifier(restored, new DataSourceTransactionManager(restored))
                .verify();
        if (!verification.ok()) {
            throw new BackupException("The restored audit trail does not verify: " + verification.violations().size()
                    + " violations, first " + verification.violations().get(0) + ". Nothing was restored");
        }
        DatabaseFacts.MissingObjects missing = DatabaseFacts.missingDicomObjects(connection, staging.resolve("dicom"),
                10);
        if (missing.count() > manifest.missingDicomObjects()) {
            throw new BackupException(missing.count() + " DICOM instances of the restored index have no file in the "
                    + "restored object store (first: " + missing.firstKeys() + "). Nothing was restored");
        }
        Map<String, Long> counts = DatabaseFacts.resourceCounts(connection);
        out.println("restore: audit chain verified (" + verification.rowsChecked() + " events, "
                + (checkpoint == null ? "the backup's trail was empty" : "checkpoint seq " + checkpoint.seq()
                        + " present with its hash") + "); "
                + DatabaseFacts.dicomInstances(connection) + " DICOM instances (backup: " + manifest.dicomInstances()
                + "), every file present; FHIR resources " + total(counts) + " (backup: "
                + total(manifest.resourceCounts()) + ")");
    }

    private static long total(Map<String, Long> counts) {
        return counts == null ? 0 : counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Where a backup path goes in the restored home; empty for the dump, which is restored from the backup. */
    private static Optional<Path> restoredPath(String path, Path staging) {
        String[] parts = path.split("/", 2);
        String rest = parts.length > 1 ? parts[1] : "";
        Path target = switch (parts[0]) {
            case "home" -> inside(staging, rest);
            case "dicom" -> inside(staging, "dicom/" + rest);
            case "database" -> rest.equals("pgdata") || rest.startsWith("pgdata/") ? inside(staging, rest) : null;
            default -> throw new BackupException("The backup manifest names an unknown part: " + path);
        };
        return Optional.ofNullable(target);
    }

    /** {@code relative} under {@code root}, refusing anything that climbs out of it. */
    private static Path inside(Path root, String relative) {
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw new BackupException("The backup manifest names a path outside the backup: " + relative);
        }
        return resolved;
    }

    private void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new BackupException("Cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Path createParent(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return file;
    }

    private void setAside(Path home) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(home)) {
            if (!entries.iterator().hasNext()) {
                Files.delete(home);
                return;
            }
        }
        Path aside = home.resolveSibling(home.getFileName() + ".before-restore-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")));
        Files.move(home, aside, StandardCopyOption.ATOMIC_MOVE);
        out.println("restore: the previous home is kept as " + aside);
    }
}
