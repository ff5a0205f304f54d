package jp.renkei.hub.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jp.renkei.hub.core.pki.PkiSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The anchor files: one append-only text file per UTC day, {@code <directory>/2026-12-03.anchors}, one
 * {@link AuditAnchor#line()} per line, each append forced to disk before the anchor counts as made. The same
 * line goes to the copy directory when one is configured. Reading takes every {@code *.anchors} file of both
 * directories; a line found in both counts once.
 */
@Component
public class AuditAnchorFiles {

    static final String SUFFIX = ".anchors";

    private final Path directory;
    private final Path copyTo;

    @Autowired
    public AuditAnchorFiles(AuditAnchorProperties properties, PkiSettings settings) {
        this(properties.directory() != null ? properties.directory() : settings.home().resolve("audit-anchors"),
                properties.copyTo());
    }

    /** @param copyTo null for none */
    AuditAnchorFiles(Path directory, Path copyTo) {
        this.directory = directory.toAbsolutePath().normalize();
        this.copyTo = copyTo == null ? null : copyTo.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** Appends the anchor to today's file in the directory and then in the copy directory; both or an exception. */
    void append(AuditAnchor anchor) {
        String fileName = anchor.anchoredAt().atOffset(ZoneOffset.UTC).toLocalDate() + SUFFIX;
        byte[] line = (anchor.line() + "\n").getBytes(StandardCharsets.UTF_8);
        appendDurably(directory.resolve(fileName), line);
        if (copyTo != null) {
            appendDurably(copyTo.resolve(fileName), line);
        }
    }

    /** Every anchor line of both directories, oldest file first, in file order. */
    List<Found> readAll() {
        List<Found> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path dir : copyTo == null ? List.of(directory) : List.of(directory, copyTo)) {
            for (Path file : anchorFiles(dir)) {
                List<String> lines = readLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!line.isEmpty() && seen.add(line)) {
                        found.add(new Found(file + ":" + (i + 1), line));
                    }
                }
            }
        }
        return found;
    }

    /** One line of an anchor file and where it is ("path:line number"). */
    record Found(String where, String line) {
    }

    private static List<Path> anchorFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the audit anchors in " + dir, e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit anchors in " + file, e);
        }
    }

    private static void appendDurably(Path file, byte[] line) {
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            boolean created = !Files.exists(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (created) {
                // A new file's directory entry must be durable too, or a crash could lose the whole file.
                try (FileChannel dirChannel = FileChannel.open(dir, StandardOpenOption.READ)) {
                    dirChannel.force(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append the audit anchor to " + file, e);
        }
    }
}
