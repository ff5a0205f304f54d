package jp.renkei.hub.dicom.query;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomFormatException;
import jp.renkei.hub.dicom.encoding.DicomReader;
import jp.renkei.hub.dicom.encoding.TransferSyntax;

/**
 * Reads the identifier of a C-FIND, C-GET or C-MOVE request: a small data set, refused beyond
 * {@value #MAX_IDENTIFIER} bytes so that a peer cannot make the hub hold a large one.
 */
public final class QueryIdentifier {

    private static final long MAX_IDENTIFIER = 64 * 1024;

    public static DataSet read(InputStream in, TransferSyntax syntax) throws IOException {
        return new DicomReader(new BufferedInputStream(limited(in)), syntax, Long.MAX_VALUE).readDataSet();
    }

    private static InputStream limited(InputStream in) {
        return new InputStream() {
            long read;

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0 && ++read > MAX_IDENTIFIER) {
                    throw new DicomFormatException("identifier longer than " + MAX_IDENTIFIER + " bytes");
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                read += Math.max(n, 0);
                if (read > MAX_IDENTIFIER) {
                    throw new DicomFormatException("identifier longer than " + MAX_IDENTIFIER + " bytes");
                }
                return n;
            }
        };
    }

    private QueryIdentifier() {
    }
}
