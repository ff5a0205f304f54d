package jp.renkei.hub.app.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An online base backup of the embedded PostgreSQL, made the way pg_basebackup makes one but with PostgreSQL's
 * low-level backup API over JDBC: the zonky binaries the hub runs bundle only {@code initdb}, {@code pg_ctl} and
 * {@code postgres}, and a distribution's pg_basebackup or pg_dump of an older major version refuses a newer
 * server.
 *
 * <ol>
 *   <li>A temporary physical replication slot reserves the WAL from now on, so no segment the backup needs is
 *       recycled while the files are copied (the slot goes away with the session);</li>
 *   <li>{@code pg_backup_start(label, fast => true)} makes a checkpoint: the copy starts at its redo point;</li>
 *   <li>the data directory is copied while the server runs (what pg_basebackup leaves out is left out: WAL,
 *       the server's pid file, temporary and runtime-only directories); pages torn by concurrent writes are
 *       repaired by replaying the WAL, which has full-page images for them;</li>
 *   <li>{@code pg_backup_stop()} returns the backup label, written into the copy as {@code backup_label};</li>
 *   <li>the WAL segments from the start to the stop position are copied into {@code pg_wal}.</li>
 * </ol>
 * Started on the copy, PostgreSQL reads {@code backup_label}, replays the WAL to the stop position and is then
 * consistent: the database as it was when the backup stopped.
 */
final class EmbeddedBaseBackup {

    static final String PREFIX = "database/pgdata";

    private static final Pattern WAL_SEGMENT = Pattern.compile("[0-9A-F]{24}");
    /** Directories whose contents a base backup leaves out (PostgreSQL recreates or does not need them). */
    private static final Set<String> CONTENTS_LEFT_OUT = Set.of("pg_wal", "pg_dynshmem", "pg_notify", "pg_serial",
            "pg_snapshots", "pg_stat_tmp", "pg_subtrans", "pg_replslot");
    private static final Set<String> FILES_LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "tablespace_map", "pg_internal.init", "backup_label.old");

    /** What the copy consists of, for the manifest. */
    record Copied(String startLsn, String stopLsn, BackupManifest.AuditCheckpoint checkpoint,
                  java.util.Map<String, Long> resourceCounts, long dicomInstances) {
    }

    private EmbeddedBaseBackup() {
    }

    /** Copies the cluster in {@code pgdata}, served on {@code connection}'s server, into the backup. */
    static Copied copy(Connection connection, Path pgdata, BackupFiles files) throws SQLException, IOException {
        requireNoTablespaces(pgdata);
        String slot = "renkei_backup_" + ProcessHandle.current().pid();
        try (PreparedStatement reserve = connection.prepareStatement(
                "SELECT pg_create_physical_replication_slot(?, true, true)")) {
            reserve.setString(1, slot);
            reserve.execute();
        }
        String startLsn;
        String startSegment;
        try (PreparedStatement start = connection.prepareStatement(
                "SELECT lsn, pg_walfile_name(lsn) FROM pg_backup_start(?, true) AS lsn")) {
            start.setString(1, "renkei-hub backup " + java.time.Instant.now());
            try (ResultSet rs = start.executeQuery()) {
                rs.next();
                startLsn = rs.getString(1);
                startSegment = rs.getString(2);
            }
        }
        BackupManifest.AuditCheckpoint checkpoint;
        java.util.Map<String, Long> counts;
        long instances;
        String stopLsn;
        String stopSegment;
        boolean stopped = false;
        try {
            // Read while the backup runs: everything committed now is before the stop position, so in the copy.
            checkpoint = DatabaseFacts.auditCheckpoint(connection);
            counts = DatabaseFacts.resourceCounts(connection);
            instances = DatabaseFacts.dicomInstances(connection);
            files.copyTree(pgdata, PREFIX, EmbeddedBaseBackup::leftOut);
            try (Statement stop = connection.createStatement();
                 ResultSet rs = stop.executeQuery(
                         "SELECT lsn, pg_walfile_name(lsn), labelfile FROM pg_backup_stop(false)")) {
                rs.next();
                stopped = true;
                stopLsn = rs.getString(1);
                stopSegment = rs.getString(2);
                files.writeFile(PREFIX + "/backup_label", rs.getString(3).getBytes(StandardCharsets.UTF_8),
                        "rw-------");
            }
            copyWal(pgdata.resolve("pg_wal"), startSegment, stopSegment, files);
        } finally {
            if (!stopped) {
                abort(connection);
            }
            try (PreparedStatement drop = connection.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                drop.setString(1, slot);
                drop.execute();
            }
        }
        return new Copied(startLsn, stopLsn, checkpoint, counts, instances);
    }

    private static boolean leftOut(Path relative) {
        String name = relative.getFileName().toString();
        // a left-out directory itself is recorded (to be recreated empty), its contents are not copied
        return CONTENTS_LEFT_OUT.contains(relative.getName(0).toString()) || FILES_LEFT_OUT.contains(name)
                || name.startsWith("pgsql_tmp");
    }

    /** The segments from the start to the stop segment (inclusive) and the timeline history files. */
    private static void copyWal(Path walDirectory, String startSegment, String stopSegment, BackupFiles files)
            throws IOException {
        int copied = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(walDirectory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean needed = WAL_SEGMENT.matcher(name).matches()
                        && name.compareTo(startSegment) >= 0 && name.compareTo(stopSegment) <= 0;
                if ((needed || name.endsWith(".history")) && files.copyFile(entry, PREFIX + "/pg_wal/" + name)) {
                    copied += needed ? 1 : 0;
                }
            }
        }
        if (copied == 0) {
            throw new BackupException("The WAL segments " + startSegment + " to " + stopSegment
                    + " were not found in " + walDirectory + ": the base backup would not be consistent");
        }
    }

    private static void requireNoTablespaces(Path pgdata) throws IOException {
        Path tablespaces = pgdata.resolve("pg_tblspc");
        if (Files.isDirectory(tablespaces)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(tablespaces)) {
                if (entries.iterator().hasNext()) {
                    throw new BackupException(pgdata + " has tablespaces outside the data directory; "
                            + "the embedded database is not meant to have any, and this backup does not copy them");
                }
            }
        }
    }

    private static void abort(Connection connection) {
        try (Statement stop = connection.createStatement()) {
            stop.execute("SELECT pg_backup_stop(false)");
        } catch (SQLException e) {
            // The session's end aborts the backup too.
        }
    }
}
