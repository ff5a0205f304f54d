package jp.renkei.hub.dicom.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * multipart/related bodies (RFC 2387) as DICOMweb uses them, streamed both ways: a {@link Reader} hands out
 * one part at a time as a stream that ends at the next delimiter, so an upload is never held whole; a
 * {@link Writer} writes parts as their content streams by.
 */
final class MultipartRelated {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_HEADERS = 16 * 1024;

    /** A fresh boundary that cannot occur in the content by chance. */
    static String newBoundary() {
        return "renkei-" + UUID.randomUUID();
    }

    /** Writes parts to {@code out}; {@link #finish} writes the close delimiter. */
    static final class Writer {
        private final OutputStream out;
        private final byte[] delimiter;

        Writer(OutputStream out, String boundary) {
            this.out = out;
            this.delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        }

        void part(String contentType, InputStream content) throws IOException {
            out.write(delimiter);
            out.write(CRLF);
            out.write(("Content-Type: " + contentType).getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.write(CRLF);
            content.transferTo(out);
            out.write(CRLF);
        }

        void finish() throws IOException {
            out.write(delimiter);
            out.write("--".getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.flush();
        }
    }

    /** The body of a multipart request is malformed; the message says how. */
    static final class MalformedBody extends IOException {
        MalformedBody(String message) {
            super(message);
        }
    }

    /** Reads parts from a body, each part's content a stream ending at the next delimiter. */
    static final class Reader {
        private final InputStream in;
        private final byte[] delimiter;
        private final byte[] buffer;
        private int start;
        private int end;
        private boolean eof;
        private boolean finished;
        private PartStream current;

        Reader(InputStream in, String boundary) {
            this.in = in;
            this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
            this.buffer = new byte[64 * 1024 + delimiter.length];
            // The first delimiter may open the body without a preceding line break.
            buffer[0] = '\r';
            buffer[1] = '\n';
            end = 2;
        }

        /** Moves to the next part, skipping what is left of the current one (or the preamble); null at the end. */
        Part next() throws IOException {
            if (finished) {
                return null;
            }
            PartStream skipped = current == null ? new PartStream() : current;
            skipped.transferTo(OutputStream.nullOutputStream());
            start += delimiter.length;
            require(2);
            if (buffer[start] == '-' && buffer[start + 1] == '-') {
                finished = true;
                return null;
            }
            String line = line();
            if (!line.isBlank()) {
                throw new MalformedBody("unexpected text after a multipart delimiter: '" + line + "'");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            int total = 0;
            for (String header = line(); !header.isEmpty(); header = line()) {
                total += header.length();
                if (total > MAX_HEADERS) {
                    throw new MalformedBody("part headers longer than " + MAX_HEADERS + " bytes");
                }
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    throw new MalformedBody("malformed part header '" + header + "'");
                }
                headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).strip());
            }
            current = new PartStream();
            return new Part(headers, current);
        }

        private String line() throws IOException {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            while (true) {
                require(2);
                if (buffer[start] == '\r' && buffer[start + 1] == '\n') {
                    start += 2;
                    return text.toString(StandardCharsets.ISO_8859_1);
                }
                text.write(buffer[start++]);
                if (text.size() > MAX_HEADERS) {
                    throw new MalformedBody("a part header line is longer than " + MAX_HEADERS + " bytes");
                }
            }
        }

        /** Makes at least {@code n} bytes available, or fails: the body ended too early. */
        private void require(int n) throws IOException {
            while (end - start < n) {
                if (!fill()) {
                    throw new MalformedBody("the multipart body ends without its close delimiter");
                }
            }
        }

        private boolean fill() throws IOException {
            if (eof) {
                return false;
            }
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
                return false;
            }
            end += n;
            return true;
        }

        private int indexOfDelimiter() {
            outer:
            for (int i = start; i <= end - delimiter.length; i++) {
                for (int j = 0; j < delimiter.length; j++) {
                    if (buffer[i + j] != delimiter[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        /** One part's content: ends where the next delimiter starts. */
        private final class PartStream extends InputStream {
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (ended) {
                    return -1;
                }
                while (true) {
                    int found = indexOfDelimiter();
                    if (found == start) {
                        ended = true;
                        return -1;
                    }
                    int available = found >= 0 ? found - start : end - start - (delimiter.length - 1);
                    if (available > 0) {
                        int n = Math.min(len, available);
                        System.arraycopy(buffer, start, b, off, n);
                        start += n;
                        return n;
                    }
                    if (!fill()) {
                        throw new MalformedBody("the multipart body ends inside a part");
                    }
                }
            }
        }
    }

    /** A part: its headers (names in lower case) and content. */
    record Part(Map<String, String> headers, InputStream content) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /** A parameter of a media type header value (quotes removed), or null. */
    static String parameter(String mediaType, String name) {
        for (String piece : mediaType.split(";")) {
            int equals = piece.indexOf('=');
            if (equals > 0 && piece.substring(0, equals).strip().equalsIgnoreCase(name)) {
                String value = piece.substring(equals + 1).strip();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    private MultipartRelated() {
    }
}
