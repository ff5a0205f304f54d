package jp.renkei.hub.gateway.ss2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestFailure;

/**
 * Walks an SS-MIX2 standardized storage root,
 * {@code ROOT/<patient ID 1-3>/<patient ID 4-6>/<patient ID>/<care date or ->/<data type>/<file>}, and checks each
 * file's place against its name ({@link #checkLayout}).
 */
public final class Ss2StorageWalker {

    /** A regular file under the root: its path relative to the root ({@code /}-separated), size and time. */
    public record StoredFile(Path path, String relative, long size, Instant modified) {
    }

    private Ss2StorageWalker() {
    }

    /** Every regular file under {@code root}, in path order (hidden files and directories left out). */
    public static List<StoredFile> walk(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> root.relativize(p).toString().chars().noneMatch(c -> c == '~'))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> stored(root, p))
                    .sorted(java.util.Comparator.comparing(StoredFile::relative))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk SS-MIX2 storage " + root, e);
        }
    }

    private static StoredFile stored(Path root, Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            String relative = root.relativize(path).toString().replace('\\', '/');
            return new StoredFile(path, relative, attributes.size(), attributes.lastModifiedTime().toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Parses the file name and checks that the folders agree with it. */
    public static Ss2FileName checkLayout(String relative) throws IngestFailure {
        String[] parts = relative.split("/");
        Ss2FileName name = Ss2FileName.parse(parts[parts.length - 1]);
        if (parts.length != 6) {
            throw new IngestFailure("'" + relative + "' is not at <pid 1-3>/<pid 4-6>/<pid>/<date>/<data type>/<file>",
                    ErrorLocation.WHOLE);
        }
        String pid = name.patientId();
        check(parts[2].equals(pid), relative, "patient folder '" + parts[2] + "' differs from the patient ID '" + pid
                + "' in the file name");
        check(parts[0].equals(pad(pid).substring(0, 3)) && parts[1].equals(pad(pid).substring(3, 6)), relative,
                "folders '" + parts[0] + "/" + parts[1] + "' are not the first six characters of patient ID '" + pid + "'");
        check(parts[3].equals(name.careDate()), relative, "date folder '" + parts[3] + "' differs from the care date '"
                + name.careDate() + "' in the file name");
        check(parts[4].equals(name.dataType()), relative, "data-type folder '" + parts[4] + "' differs from the data"
                + " type '" + name.dataType() + "' in the file name");
        return name;
    }

    private static String pad(String pid) {
        return pid.length() >= 6 ? pid : pid + "______".substring(pid.length());
    }

    private static void check(boolean ok, String relative, String problem) throws IngestFailure {
        if (!ok) {
            throw new IngestFailure("storage layout: " + problem + " (" + relative + ")", ErrorLocation.WHOLE);
        }
    }
}
