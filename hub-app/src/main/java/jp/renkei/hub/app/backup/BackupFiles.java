package jp.renkei.hub.app.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * The files written into a backup directory, each copied once with its SHA-256 computed from the bytes written,
 * so the manifest describes exactly what is in the backup even when the source changes meanwhile. Files that
 * vanish while they are copied (PostgreSQL's temporary files, a staged DICOM upload) are left out.
 */
final class BackupFiles {

    private final Path backup;
    private final List<BackupManifest.BackupFile> files = new ArrayList<>();
    private final List<String> directories = new ArrayList<>();

    BackupFiles(Path backup) {
        this.backup = backup;
    }

    List<BackupManifest.BackupFile> files() {
        return List.copyOf(files);
    }

    List<String> directories() {
        return List.copyOf(directories);
    }

    /** A path inside the backup directory. */
    Path backupPath(String name) {
        return backup.resolve(name);
    }

    long totalBytes() {
        return files.stream().mapToLong(BackupManifest.BackupFile::size).sum();
    }

    /**
     * Copies the tree under {@code source} to {@code prefix/…} in the backup. {@code skipContents} gets each path
     * relative to {@code source}: a directory it matches is recorded (to be recreated) but not entered; a file it
     * matches is left out.
     */
    void copyTree(Path source, String prefix, Predicate<Path> skipContents) throws IOException {
        if (!Files.isDirectory(source)) {
            return;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(dir);
                String name = join(prefix, relative);
                Files.createDirectories(backup.resolve(name));
                directories.add(name);
                return relative.toString().isEmpty() || !skipContents.test(relative) ? FileVisitResult.CONTINUE
                        : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(file);
                if (attributes.isRegularFile() && !skipContents.test(relative)) {
                    copyFile(file, join(prefix, relative));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // gone while we walked: not part of the copy
                }
                throw e;
            }
        });
    }

    /** Copies one file to {@code name} in the backup; false when it vanished before it could be read. */
    boolean copyFile(Path source, String name) throws IOException {
        Path target = backup.resolve(name);
        Files.createDirectories(target.getParent());
        String mode;
        try {
            mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(source));
        } catch (NoSuchFileException e) {
            return false;
        }
        MessageDigest sha256 = sha256();
        long size;
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), sha256);
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            size = in.transferTo(out);
        } catch (NoSuchFileException e) {
            Files.deleteIfExists(target);
            return false;
        }
        files.add(new BackupManifest.BackupFile(name, size, HexFormat.of().formatHex(sha256.digest()), mode));
        return true;
    }

    /** Writes {@code content} as the file {@code name} of the backup. */
    void writeFile(String name, byte[] content, String mode) throws IOException {
        Path target = backup.resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, content, StandardOpenOption.CREATE_NEW);
        files.add(new BackupManifest.BackupFile(name, content.length, HexFormat.of().formatHex(sha256().digest(content)),
                mode));
    }

    /** Records a file that a tool (pg_dump) wrote into the backup itself. */
    void adopt(String name) throws IOException {
        Path file = backup.resolve(name);
        MessageDigest sha256 = sha256();
        long size;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        files.add(new BackupManifest.BackupFile(name, size, HexFormat.of().formatHex(sha256.digest()), "rw-------"));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String join(String prefix, Path relative) {
        String path = relative.toString();
        return path.isEmpty() ? prefix : prefix + "/" + path;
    }

    /** Deletes a tree, deepest first; used to remove a half-written backup or restore. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("WARNING: could not delete all of " + root + ": " + e.getMessage());
        }
    }
}
