package jp.renkei.hub.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MultipartRelatedTest {

    @Test
    void writtenPartsAreReadBackByteForByteWhateverTheChunking() throws IOException {
        Random random = new Random(7);
        List<byte[]> contents = new ArrayList<>();
        for (int size : new int[] {0, 1, 17, 70_000, 200_001}) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            contents.add(content);
        }
        // A content holding most of the delimiter, to tempt a naive reader.
        contents.add("a\r\n--boundar\r\n-".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        MultipartRelated.Writer writer = new MultipartRelated.Writer(body, "boundary");
        for (byte[] content : contents) {
            writer.part("application/dicom", new ByteArrayInputStream(content));
        }
        writer.finish();
        for (int chunk : new int[] {1, 3, 4096, Integer.MAX_VALUE}) {
            MultipartRelated.Reader reader = new MultipartRelated.Reader(trickle(body.toByteArray(), chunk), "boundary");
            List<byte[]> read = new ArrayList<>();
            for (MultipartRelated.Part part = reader.next(); part != null; part = reader.next()) {
                assertThat(part.contentType()).isEqualTo("application/dicom");
                read.add(part.content().readAllBytes());
            }
            assertThat(read).as("chunk " + chunk).hasSize(contents.size());
            for (int i = 0; i < contents.size(); i++) {
                assertThat(read.get(i)).as("chunk " + chunk + " part " + i).isEqualTo(contents.get(i));
            }
        }
    }

    @Test
    void aPreambleIsSkippedAndUnreadPartsAreSkipped() throws IOException {
        String body = "preamble\r\n--b\r\nContent-Type: application/dicom\r\n\r\nfirst\r\n--b\r\n\r\nsecond\r\n--b--\r\n";
        MultipartRelated.Reader reader = new MultipartRelated.Reader(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), "b");
        assertThat(reader.next()).isNotNull();
        MultipartRelated.Part second = reader.next();
        assertThat(second.contentType()).isEmpty();
        assertThat(new String(second.content().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("second");
        assertThat(reader.next()).isNull();
    }

    @Test
    void aTruncatedBodyIsMalformed() {
        String body = "--b\r\nContent-Type: application/dicom\r\n\r\nfirst part without an end";
        MultipartRelated.Reader reader = new MultipartRelated.Reader(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), "b");
        assertThatThrownBy(() -> reader.next().content().readAllBytes())
                .isInstanceOf(MultipartRelated.MalformedBody.class);
    }

    @Test
    void parametersAreReadWithOrWithoutQuotes() {
        String type = "multipart/related; type=\"application/dicom\"; boundary=abc";
        assertThat(MultipartRelated.parameter(type, "type")).isEqualTo("application/dicom");
        assertThat(MultipartRelated.parameter(type, "boundary")).isEqualTo("abc");
        assertThat(MultipartRelated.parameter(type, "start")).isNull();
    }

    private static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
