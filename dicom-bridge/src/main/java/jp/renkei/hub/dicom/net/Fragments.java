package jp.renkei.hub.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** Writes a command or data set as P-DATA-TF PDUs of at most the peer's maximum length, one PDV each. */
final class Fragments {

    private Fragments() {
    }

    /** A data set from a stream, without holding more than two PDVs of it (the last one must be flagged). */
    static void send(OutputStream out, int sendLength, int contextId, InputStream dataSet) throws IOException {
        int chunk = Math.max(sendLength - 6, 2) & ~1;
        byte[] current = dataSet.readNBytes(chunk);
        while (true) {
            byte[] next = dataSet.readNBytes(chunk);
            boolean last = next.length == 0;
            PduCodec.write(out, new Pdu.PData(List.of(new Pdu.Pdv(contextId, false, last, current))));
            if (last) {
                return;
            }
            current = next;
        }
    }

    static void send(OutputStream out, int sendLength, int contextId, boolean command, byte[] bytes)
            throws IOException {
        int chunk = Math.max(sendLength - 6, 1);
        int offset = 0;
        do {
            int n = Math.min(chunk, bytes.length - offset);
            byte[] part = new byte[n];
            System.arraycopy(bytes, offset, part, 0, n);
            offset += n;
            PduCodec.write(out, new Pdu.PData(List.of(new Pdu.Pdv(contextId, command, offset == bytes.length, part))));
        } while (offset < bytes.length);
    }
}
