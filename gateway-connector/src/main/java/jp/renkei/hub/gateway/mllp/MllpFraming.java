package jp.renkei.hub.gateway.mllp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * MLLP framing (HL7 v2 Minimal Lower Layer Protocol, release 1): a message is sent as {@code 0x0B} (VT), the
 * message bytes, then {@code 0x1C 0x0D} (FS CR). Reading is bounded: a frame longer than the limit, bytes outside
 * a frame, or a connection closed within a frame are protocol errors, after which the connection is closed.
 */
public final class MllpFraming {

    public static final int START = 0x0B;
    public static final int END = 0x1C;
    public static final int CARRIAGE_RETURN = 0x0D;

    /** The peer broke the framing; the reason says how. */
    public static class FramingException extends IOException {
        public FramingException(String reason) {
            super(reason);
        }
    }

    private MllpFraming() {
    }

    /**
     * The next message, or empty when the peer closed the connection between messages. Line breaks between
     * frames are tolerated (some senders add one).
     */
    public static Optional<byte[]> read(InputStream in, int maxBytes) throws IOException {
        int b;
        do {
            b = in.read();
        } while (b == '\r' || b == '\n');
        if (b == -1) {
            return Optional.empty();
        }
        if (b != START) {
            throw new FramingException(String.format("expected the MLLP start byte 0x0B, got 0x%02X", b));
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            b = in.read();
            if (b == -1) {
                throw new FramingException("the connection closed inside a frame after " + message.size() + " bytes");
            }
            if (b == END) {
                int next = in.read();
                if (next != CARRIAGE_RETURN) {
                    throw new FramingException(String.format("expected 0x0D after the end byte 0x1C, got %s",
                            next == -1 ? "the end of the connection" : String.format("0x%02X", next)));
                }
                return Optional.of(message.toByteArray());
            }
            if (message.size() >= maxBytes) {
                throw new FramingException("the message exceeds the limit of " + maxBytes + " bytes");
            }
            message.write(b);
        }
    }

    public static void write(OutputStream out, byte[] message) throws IOException {
        out.write(START);
        out.write(message);
        out.write(END);
        out.write(CARRIAGE_RETURN);
        out.flush();
    }
}
