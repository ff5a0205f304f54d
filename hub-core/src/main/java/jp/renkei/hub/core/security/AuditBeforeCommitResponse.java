package jp.renkei.hub.core.security;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Runs the audit hook once, just before the first byte of the response can leave the hub: at the first body
 * write, flush, error or redirect (or, for a response without body, when the request ends). If recording
 * fails, nothing has been sent, so no response ever reaches a client without its audit record.
 */
final class AuditBeforeCommitResponse extends HttpServletResponseWrapper {

    private final Runnable hook;
    private boolean done;
    private ServletOutputStream stream;
    private PrintWriter writer;

    AuditBeforeCommitResponse(HttpServletResponse response, Runnable hook) {
        super(response);
        this.hook = hook;
    }

    /** Records now unless already recorded. */
    void beforeCommit() {
        if (!done) {
            done = true;
            hook.run();
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            ServletOutputStream target = super.getOutputStream();
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    beforeCommit();
                    target.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    beforeCommit();
                    target.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    beforeCommit();
                    target.flush();
                }

                @Override
                public void close() throws IOException {
                    beforeCommit();
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
                    beforeCommit();
                    super.write(c);
                }

                @Override
                public void write(char[] buf, int off, int len) {
                    beforeCommit();
                    super.write(buf, off, len);
                }

                @Override
                public void write(String s, int off, int len) {
                    beforeCommit();
                    super.write(s, off, len);
                }

                @Override
                public void flush() {
                    beforeCommit();
                    super.flush();
                }

                @Override
                public void close() {
                    beforeCommit();
                    super.close();
                }
            };
        }
        return writer;
    }

    @Override
    public void flushBuffer() throws IOException {
        beforeCommit();
        super.flushBuffer();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        setStatus(sc);
        beforeCommit();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        setStatus(sc);
        beforeCommit();
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        setStatus(302);
        beforeCommit();
        super.sendRedirect(location);
    }
}
