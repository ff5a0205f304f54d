package jp.renkei.hub.dicom.store;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * {@link ObjectStore} on a directory: objects under {@code objects/}, staged files under {@code staging/} on the
 * same file system, so that a commit is an fsync and an atomic rename.
 */
public final class FileSystemObjectStore implements ObjectStore {

    /** Keys are relative paths of UID-like segments: nothing can climb out of the root. */
    private static final Pattern KEY = Pattern.compile("[0-9A-Za-z._-]+(/[0-9A-Za-z._-]+)*");

    private final Path objects;
    private final Path staging;

    public FileSystemObjectStore(Path root) throws IOException {
        this.objects = Files.createDirectories(root.resolve("objects"));
        this.staging = Files.createDirectories(root.resolve("staging"));
    }

    @Override
    public Staged stage() throws IOException {
        return new StagedFile(Files.createTempFile(staging, "incoming-", ".part"));
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not an object key: " + key);
        }
        return objects.resolve(key);
    }

    private final class StagedFile implements Staged {
        private final Path file;
        private final CountingOutput output;

        StagedFile(Path file) throws IOException {
            this.file = file;
            this.output = new CountingOutput(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024));
        }

        @Override
        public OutputStream output() {
            return output;
        }

        @Override
        public InputStream readBack() throws IOException {
            output.flush();
            return Files.newInputStream(file);
        }

        @Override
        public long size() {
            return output.count;
        }

        @Override
        public void commit(String key) throws IOException {
            Path target = path(key);
            output.close();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                close();
                return;
            }
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // Another association committed the same instance first: the object is there.
            }
            close();
        }

        @Override
        public void close() {
            try {
                output.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover staging file is harmless; it is never visible.
            }
        }
    }

    private static final class CountingOutput extends FilterOutputStream {
        long count;

        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
