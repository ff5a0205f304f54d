package jp.renkei.hub.gateway.jahis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JAHIS fixtures of ../shared/testdata/jahis (UTF-8, LF), read in place and, for the real-world shape,
 * transcoded to CP932 with CRLF.
 */
public final class JahisFixtures {

    public static final Path DIRECTORY = Path.of("../../shared/testdata/jahis/fixtures");

    private JahisFixtures() {
    }

    /** The fixture file names starting with {@code prefix}, sorted. */
    public static List<String> names(String prefix) {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        try {
            return Files.readString(DIRECTORY.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] utf8(String name) {
        return text(name).getBytes(StandardCharsets.UTF_8);
    }

    /** As pharmacy systems write it: Shift_JIS (CP932) with CRLF. */
    public static byte[] cp932Crlf(String name) {
        return encode(text(name), TcText.CP932, "\r\n");
    }

    public static byte[] encode(String text, Charset charset, String lineEnding) {
        return text.replace("\r\n", "\n").replace("\n", lineEnding).getBytes(charset);
    }

    /** The fixture's records under another header, e.g. a version-01 fixture's content as version 08. */
    public static String withHeader(String name, String header) {
        String text = text(name);
        return header + text.substring(text.indexOf('\n'));
    }
}
