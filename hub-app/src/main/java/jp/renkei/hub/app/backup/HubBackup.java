package jp.renkei.hub.app.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./hub backup <dir>}: the hub's database, then its DICOM object store, then the rest of its home (keys and
 * certificates in {@code pki/}, the identifier key in {@code ids/}, {@code audit-anchors/} …, not the logs), then
 * the manifest. Works while the hub runs.
 *
 * <p>Why this order is consistent: the object store is append-only, and an instance's file is committed before its
 * index row; so every instance the copied database knows was in the store before the store is copied. Files that
 * arrive later are copied too, without index rows: harmless. The home's keys and certificates change rarely (a
 * renewed server certificate is issued again at the next start if it does not match).
 */
final class HubBackup {

    private static final Set<String> HOME_LEFT_OUT = Set.of("pgdata", "logs");

    private final HubLocations hub;
    private final Map<String, String> environment;
    private final PrintStream out;

    HubBackup(HubLocations hub, Map<String, String> environment, PrintStream out) {
        this.hub = hub;
        this.environment = environment;
        this.out = out;
    }

    BackupManifest run(Path target) throws IOException, SQLException, InterruptedException {
        if (!Files.isDirectory(hub.home())) {
            throw new BackupException("RENKEI_HOME " + hub.home() + " does not exist: nothing to back up");
        }
        prepareTarget(target);
        long started = System.nanoTime();
        try {
            BackupManifest manifest = copy(target, started);
            manifest.write(target);
            return manifest;
        } catch (IOException | SQLException | InterruptedException | RuntimeException e) {
            BackupFiles.deleteTree(target); // no half backup that looks like one
            throw e;
        }
    }

    private BackupManifest copy(Path target, long started) throws IOException, SQLException, InterruptedException {
        BackupFiles files = new BackupFiles(target);
        BackupManifest.Database database;
        BackupManifest.AuditCheckpoint checkpoint;
        Map<String, Long> counts;
        long instances;
        DatabaseFacts.MissingObjects missing;
        if (hub.externalDatabase().isPresent()) {
            HubLocations.ExternalDatabase external = hub.externalDatabase().get();
            try (Connection connection = DriverManager.getConnection(external.jdbcUrl(), external.user(),
                    external.password())) {
                int major = connection.getMetaData().getDatabaseMajorVersion();
                PostgresClientTools tools = PostgresClientTools.forServer(external, major, environment);
                // Read before the dump starts: the dump's snapshot is later, so it holds this event.
                checkpoint = DatabaseFacts.auditCheckpoint(connection);
                counts = DatabaseFacts.resourceCounts(connection);
                instances = DatabaseFacts.dicomInstances(connection);
                out.println("backup: dumping the external database with pg_dump ...");
                Files.createDirectories(target.resolve("database"));
                tools.dump(target.resolve(ExternalDatabaseRestore.DUMP));
                files.adopt(ExternalDatabaseRestore.DUMP);
                database = new BackupManifest.Database(BackupManifest.DatabaseKind.EXTERNAL_PG_DUMP,
                        serverVersion(connection), null, null);
                missing = copyDicomStore(connection, files);
            }
        } else {
            try (EmbeddedCluster cluster = EmbeddedCluster.open(hub.pgdata(), hub.embeddedDatabase());
                 Connection connection = cluster.connect()) {
                out.println("backup: base backup of the embedded PostgreSQL in " + hub.pgdata()
                        + (cluster.startedHere() ? " (hub stopped: server started for the backup)" : " (online)"));
                EmbeddedBaseBackup.Copied copied = EmbeddedBaseBackup.copy(connection, hub.pgdata(), files);
                database = new BackupManifest.Database(BackupManifest.DatabaseKind.EMBEDDED_BASE_BACKUP,
                        serverVersion(connection), copied.startLsn(), copied.stopLsn());
                checkpoint = copied.checkpoint();
                counts = copied.resourceCounts();
                instances = copied.dicomInstances();
                missing = copyDicomStore(connection, files);
            }
        }
        out.println("backup: home directory " + hub.home() + " (keys, certificates, identifier key, anchors)");
        files.copyTree(hub.home(), "home", this::leftOutOfHome);
        if (missing.count() > 0) {
            out.println("backup: WARNING: " + missing.count() + " indexed DICOM instances have no file in "
                    + hub.dicomStore() + " (first: " + missing.firstKeys() + "); they were missing before the backup");
        }
        out.printf("backup: %d files, %.1f MB in %.1f s%n", files.files().size(), files.totalBytes() / 1e6,
                (System.nanoTime() - started) / 1e9);
        return new BackupManifest(BackupManifest.FORMAT, BackupCommand.hubVersion(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), hub.home().toString(), database, checkpoint,
                counts, instances, missing.count(), files.directories(), files.files());
    }

    /**
     * Copies the object store after the database copy, then checks that every instance indexed in a snapshot
     * taken before the store copy (a superset of the copied database's) has its file in the backup.
     */
    private DatabaseFacts.MissingObjects copyDicomStore(Connection connection, BackupFiles files)
            throws IOException, SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        DatabaseFacts.dicomInstances(connection); // takes the snapshot now
        out.println("backup: DICOM object store " + hub.dicomStore());
        // staging/ holds uploads not yet committed: never visible, not copied
        files.copyTree(hub.dicomStore(), "dicom", relative -> relative.getName(0).toString().equals("staging"));
        return DatabaseFacts.missingDicomObjects(connection, files.backupPath("dicom"), 10);
    }

    private boolean leftOutOfHome(Path relative) {
        Path absolute = hub.home().resolve(relative);
        return relative.getNameCount() == 1 && HOME_LEFT_OUT.contains(relative.toString())
                || absolute.equals(hub.dicomStore());
    }

    private static String serverVersion(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rs = statement.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void prepareTarget(Path target) throws IOException {
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new BackupException(target + " exists and is not a directory");
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
                if (entries.iterator().hasNext()) {
                    throw new BackupException(target + " is not empty: give each backup a new directory (e.g. "
                            + "/backups/renkei-$(date +%Y%m%dT%H%M))");
                }
            }
        }
        Files.createDirectories(target);
    }
}
