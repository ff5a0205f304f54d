package jp.renkei.hub.gateway.jahis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's own notebook files (src/test/resources/jahis): written for these tests in the shape real
 * notebooks have — Shift_JIS (CP932) with CRLF, materials without usage, empty quantities, a patient app's
 * {@code JAHISTC07,2} output, a file holding only a note, special notes and OTC drugs.
 */
final class JahisNotebookFiles {

    static final Path DIRECTORY = Path.of("src/test/resources/jahis");

    private JahisNotebookFiles() {
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(DIRECTORY.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> names() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
