package jp.renkei.hub.app.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./hub backup} and {@code ./hub restore} refuse before touching a database, and that a refused restore
 * leaves nothing behind. The whole round trip with a running hub is hub-ops' BackupRestoreDrillTest.
 */
class BackupCommandTest {

    @TempDir
    Path work;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void badArgumentsAreAUsageError() {
        assertThat(run(Map.of(), "backup")).isEqualTo(2);
        assertThat(run(Map.of(), "restore", "a", "b")).isEqualTo(2);
        assertThat(run(Map.of(), "backup", "--replace", "a")).isEqualTo(2);
        assertThat(run(Map.of(), "copy", "a")).isEqualTo(2);
        assertThat(text()).contains("usage: ./hub backup <new directory> | ./hub restore [--replace] <backup directory>");
    }

    @Test
    void aBackupGoesOnlyIntoANewOrEmptyDirectory() throws IOException {
        Path home = Files.createDirectories(work.resolve("home"));
        Path used = Files.createDirectories(work.resolve("used"));
        Files.writeString(used.resolve("something"), "x");
        assertThat(run(Map.of("RENKEI_HOME", home.toString()), "backup", used.toString())).isEqualTo(1);
        assertThat(text()).contains(used + " is not empty: give each backup a new directory");
        assertThat(used.resolve("something")).hasContent("x");
    }

    @Test
    void aBackupOfAHomeWithoutDatabaseIsRefusedAndLeavesNoDirectory() throws IOException {
        Path home = Files.createDirectories(work.resolve("home"));
        Path target = work.resolve("backup");
        assertThat(run(Map.of("RENKEI_HOME", home.toString()), "backup", target.toString())).isEqualTo(1);
        assertThat(text()).contains(home.resolve("pgdata") + " holds no PostgreSQL cluster");
        assertThat(target).doesNotExist();
    }

    @Test
    void aDirectoryWithoutManifestIsNotABackup() throws IOException {
        Path backup = Files.createDirectories(work.resolve("backup"));
        Path home = work.resolve("home");
        assertThat(run(Map.of("RENKEI_HOME", home.toString()), "restore", backup.toString())).isEqualTo(1);
        assertThat(text()).contains(backup + " is not a complete backup: it has no manifest.json");
        assertThat(home).doesNotExist();
    }

    @Test
    void aDamagedFileStopsTheRestoreBeforeAnythingIsInPlace() throws IOException {
        Path backup = backupWithOneFile("home/pki/ca.crt", "the CA", "the CA, changed");
        Path home = work.resolve("home");
        assertThat(run(Map.of("RENKEI_HOME", home.toString()), "restore", backup.toString())).isEqualTo(1);
        assertThat(text()).contains("The backup is damaged: home/pki/ca.crt has 15 bytes with SHA-256 ")
                .contains("the manifest says 6 bytes with SHA-256 " + sha256("the CA"))
                .contains("Nothing was restored");
        assertThat(home).doesNotExist();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("backup");
        }
    }

    @Test
    void aHomeInUseIsReplacedOnlyOnRequest() throws IOException {
        Path backup = backupWithOneFile("home/pki/ca.crt", "the CA", "the CA");
        Path home = Files.createDirectories(work.resolve("home"));
        Files.writeString(home.resolve("initial-admin.txt"), "kept");
        assertThat(run(Map.of("RENKEI_HOME", home.toString()), "restore", backup.toString())).isEqualTo(1);
        assertThat(text()).contains("RENKEI_HOME " + home + " is not empty").contains("add --replace");
        assertThat(home.resolve("initial-admin.txt")).hasContent("kept");
    }

    @Test
    void aBackupOfTheEmbeddedDatabaseDoesNotRestoreIntoAnExternalOne() throws IOException {
        Path backup = backupWithOneFile("home/pki/ca.crt", "the CA", "the CA");
        assertThat(run(Map.of("RENKEI_HOME", work.resolve("home").toString(),
                "RENKEI_DB_URL", "jdbc:postgresql://db/renkei"), "restore", backup.toString())).isEqualTo(1);
        assertThat(text()).contains("This backup holds the embedded database; RENKEI_DB_URL is set");
    }

    @Test
    void theExternalDatabaseUrlBecomesLibpqsEnvironment() {
        Map<String, String> environment = PostgresClientTools.libpqEnvironment(new HubLocations.ExternalDatabase(
                "jdbc:postgresql://db.example.internal:5433/renkei?sslmode=verify-full&ApplicationName=x", "hub", "pw"));
        assertThat(environment).containsExactlyInAnyOrderEntriesOf(Map.of("PGHOST", "db.example.internal",
                "PGPORT", "5433", "PGDATABASE", "renkei", "PGUSER", "hub", "PGPASSWORD", "pw", "PGSSLMODE", "verify-full"));
        assertThat(PostgresClientTools.libpqEnvironment(new HubLocations.ExternalDatabase(
                "jdbc:postgresql://localhost/renkei", "", ""))).containsEntry("PGPORT", "5432").doesNotContainKey("PGUSER");
    }

    /** A backup of one file whose manifest describes {@code described}, holding {@code actual}. */
    private Path backupWithOneFile(String path, String described, String actual) throws IOException {
        Path backup = Files.createDirectories(work.resolve("backup"));
        Files.createDirectories(backup.resolve(path).getParent());
        Files.writeString(backup.resolve(path), actual);
        new BackupManifest(BackupManifest.FORMAT, "test", "2026-12-03T00:00:00Z", "/srv/renkei",
                new BackupManifest.Database(BackupManifest.DatabaseKind.EMBEDDED_BASE_BACKUP, "17.6", "0/2000028",
                        "0/2000100"), new BackupManifest.AuditCheckpoint(1, "0".repeat(64)), Map.of(), 0, 0,
                List.of("home", "home/pki"), List.of(new BackupManifest.BackupFile(path,
                        described.getBytes(StandardCharsets.UTF_8).length, sha256(described), "rw-------")))
                .write(backup);
        return backup;
    }

    private int run(Map<String, String> environment, String... args) {
        PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
        return BackupCommand.run(args, environment, stream, stream);
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(BackupFiles.sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
