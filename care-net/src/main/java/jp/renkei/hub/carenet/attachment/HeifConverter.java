package jp.renkei.hub.carenet.attachment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns a HEIC photo into a JPEG with libheif's {@code heif-convert} (Debian package {@code libheif-examples}),
 * run as a separate process on a private temporary directory and killed after {@link #TIMEOUT}: no Java library
 * on Maven Central decodes HEVC, and a crash or hang of the native decoder must not take the hub with it. The
 * JPEG it writes may carry the photo's Exif data; the caller strips it like any JPEG.
 */
@Component
public class HeifConverter {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    public static final String DEBIAN_PATH = "/usr/bin/heif-convert";

    private final Path program;

    public HeifConverter(@Value("${renkei.care-net.heif-convert:" + DEBIAN_PATH + "}") Path program) {
        this.program = program;
    }

    /** Whether the converter is installed; without it HEIC photos are refused. */
    public boolean available() {
        return Files.isRegularFile(program) && Files.isExecutable(program);
    }

    /** @throws IllegalArgumentException when the file does not convert (broken, not HEIC, too slow) */
    public byte[] toJpeg(byte[] heic) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("renkei-heic-");
            Path in = Files.write(dir.resolve("in.heic"), heic);
            Path out = dir.resolve("out.jpg");
            Process process = new ProcessBuilder(program.toString(), "-q", "90", in.toString(), out.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalArgumentException("HEIC の写真の変換が " + TIMEOUT.toSeconds() + " 秒で終わりませんでした");
            }
            // a file with several images is written as out-1.jpg, out-2.jpg…: the first is the primary photo
            Path written = Files.exists(out) ? out : dir.resolve("out-1.jpg");
            if (process.exitValue() != 0 || !Files.exists(written)) {
                throw new IllegalArgumentException("HEIC の写真として読めません（壊れているか、対応していない形式です）");
            }
            return Files.readAllBytes(written);
        } catch (IOException e) {
            throw new UncheckedIOException("HEIC conversion with " + program + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while converting a HEIC photo", e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp file is not worth failing the upload for
        }
    }
}
