package jp.renkei.hub.dicom.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where instance files live, by key. Writing goes through a {@link Staged} object that becomes visible under its
 * key only when committed, all at once, after it is durable; so a reader never sees half a file. The file-system
 * store is the first implementation; an S3-compatible one fits the same contract.
 */
public interface ObjectStore {

    /** An object being written, not yet visible. */
    interface Staged extends AutoCloseable {

        OutputStream output();

        /** What was written so far, to check it before it is committed. */
        InputStream readBack() throws IOException;

        /** Bytes written so far. */
        long size();

        /** Makes the object durable and visible under {@code key}; an existing object under the key is kept. */
        void commit(String key) throws IOException;

        /** Drops the object if it was not committed; safe to call twice. */
        @Override
        void close();
    }

    Staged stage() throws IOException;

    boolean exists(String key);

    InputStream open(String key) throws IOException;

    void delete(String key) throws IOException;
}
