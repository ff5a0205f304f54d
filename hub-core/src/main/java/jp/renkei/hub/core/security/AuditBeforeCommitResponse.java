package jp.renkei.hub.core.security;

import java.io.ByteArrayOutputStream;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jp.renkei.hub.core.audit.AuditTrail;

/**
 * Holds the response back until its audit record is committed, so no byte of an answer leaves the hub unaudited.
 * The record is handed in at the first body write (the status is then the one recorded, as the container would
 * send it) and the body written after that is kept here, up to {@link #HOLD_LIMIT}, while the record commits: the
 * commit's wait overlaps the rest of the encoding instead of adding to it. Before anything is passed on (the
 * limit reached, a flush of the output stream or the buffer, an error, a redirect or the end of the request) the
 * record must be committed; if it fails, what was held is dropped and nothing has been sent. A flush of the writer
 * is not passed on at all (see its {@code flush}).
 */
final class AuditBeforeCommitResponse extends HttpServletResponseWrapper {

    /** Body kept back while the audit record commits; a longer answer waits for the commit when it gets here. */
    static final int HOLD_LIMIT = 256 * 1024;

    /** Hands in the request's audit record; null when there is nothing to record (already recorded). */
    private final Supplier<AuditTrail.Appending> submit;
    private AuditTrail.Appending appending;
    private boolean submitted;
    private boolean committed;
    private ByteArrayOutputStream heldBytes = new ByteArrayOutputStream();
    private CharArrayWriter heldChars = new CharArrayWriter();
    private ServletOutputStream stream;
    private PrintWriter writer;

    AuditBeforeCommitResponse(HttpServletResponse response, Supplier<AuditTrail.Appending> submit) {
        super(response);
        this.submit = submit;
    }

    /** Hands the record in (once), with the status as it is now. */
    private void submitRecord() {
        if (!submitted) {
            submitted = true;
            try {
                appending = submit.get();
            } catch (RuntimeException failed) {
                appending = () -> {
                    throw failed; // and so on every later attempt to pass something on
                };
                throw failed;
            }
        }
    }

    /** Records now unless already recorded and waits for the commit; nothing is passed on before this. */
    void beforeCommit() {
        submitRecord();
        if (!committed) {
            if (appending != null) {
                appending.await();
            }
            committed = true;
        }
    }

    /**
     * At the end of the request: the record committed, then what was held passed on; after a failure what was
     * held is dropped (it was not sent yet, and the container answers the failure with an error of its own).
     */
    void finish(boolean completed) throws IOException {
        if (!completed) {
            dropHeld();
        }
        release();
    }

    /** Waits for the record, then passes on what was held and writes through from now on. */
    private void release() throws IOException {
        beforeCommit();
        if (heldBytes != null && heldBytes.size() > 0) {
            heldBytes.writeTo(super.getOutputStream());
        }
        heldBytes = null;
        if (heldChars != null && heldChars.size() > 0) {
            heldChars.writeTo(super.getWriter());
        }
        heldChars = null;
    }

    private void releaseUnchecked() {
        try {
            release();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean holding() {
        return !committed;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            ServletOutputStream target = super.getOutputStream();
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    submitRecord();
                    if (holding() && heldBytes.size() + len <= HOLD_LIMIT) {
                        heldBytes.write(b, off, len);
                        return;
                    }
                    release();
                    target.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    release();
                    target.flush();
                }

                @Override
                public void close() throws IOException {
                    release();
                    target.close();
                }

                @Override
                public boolean isReady() {
                    return target.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    target.setWriteListener(listener);
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            PrintWriter target = super.getWriter();
            writer = new PrintWriter(target) {
                @Override
                public void write(int c) {
                    write(new char[] {(char) c}, 0, 1);
                }

                @Override
                public void write(char[] buf, int off, int len) {
                    submitRecord();
                    if (holding() && heldChars.size() + len <= HOLD_LIMIT) {
                        heldChars.write(buf, off, len);
                        return;
                    }
                    releaseUnchecked();
                    super.write(buf, off, len);
                }

                @Override
                public void write(String s, int off, int len) {
                    submitRecord();
                    if (holding() && heldChars.size() + len <= HOLD_LIMIT) {
                        heldChars.write(s, off, len);
                        return;
                    }
                    releaseUnchecked();
                    super.write(s, off, len);
                }

                @Override
                public void println() {
                    write(System.lineSeparator()); // PrintWriter's own would bypass the hold
                }

                /**
                 * Not passed on, and no reason to stop holding: HAPI's JSON writer flushes after every string field
                 * (Jackson's FLUSH_AFTER_WRITE_VALUE), which sent an 18 kB search answer as about 230 TLS records
                 * of 80 bytes and ended the hold at the first field. The container's buffer passes the body on
                 * when it is full and at the end of the request; {@link #flushBuffer()} still flushes.
                 */
                @Override
                public void flush() {
                }

                @Override
                public void close() {
                    releaseUnchecked();
                    super.close();
                }
            };
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        release();
        super.flushBuffer();
    }

    /** What was held is part of the buffer the container would clear. */
    @Override
    public void resetBuffer() {
        dropHeld();
        super.resetBuffer();
    }

    @Override
    public void reset() {
        dropHeld();
        super.reset();
    }

    private void dropHeld() {
        if (heldBytes != null) {
            heldBytes.reset();
        }
        if (heldChars != null) {
            heldChars.reset();
        }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        dropHeld(); // the container clears the buffer for an error page too
        setStatus(sc);
        beforeCommit();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        dropHeld();
        setStatus(sc);
        beforeCommit();
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        dropHeld();
        setStatus(302);
        beforeCommit();
        super.sendRedirect(location);
    }
}
