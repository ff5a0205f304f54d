package jp.renkei.hub.dicom.file;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jp.renkei.hub.dicom.encoding.DataSet;
import jp.renkei.hub.dicom.encoding.DicomFormatException;
import jp.renkei.hub.dicom.encoding.DicomReader;
import jp.renkei.hub.dicom.encoding.DicomWriter;
import jp.renkei.hub.dicom.encoding.Tag;
import jp.renkei.hub.dicom.encoding.TransferSyntax;
import jp.renkei.hub.dicom.encoding.Vr;

/**
 * Part 10 files (PS3.10 7): a 128-byte preamble, {@code DICM}, the File Meta Information in Explicit VR Little
 * Endian headed by its group length, then the data set in the transfer syntax the meta information names.
 * Reading stops after the meta group so that the data set can be streamed, checked or copied as it is.
 */
public final class DicomFile {

    private static final int PREAMBLE = 128;
    private static final byte[] MAGIC = {'D', 'I', 'C', 'M'};
    /** A meta group longer than this is not meta information but an attack or garbage. */
    private static final long MAX_META_LENGTH = 64 * 1024;

    /** Writes preamble, prefix and meta group; the caller writes the data set next, in its transfer syntax. */
    public static void writeHeader(OutputStream out, FileMetaInformation meta) throws IOException {
        out.write(new byte[PREAMBLE]);
        out.write(MAGIC);
        DataSet group = meta.toDataSet();
        byte[] elements = DicomWriter.encode(group, true);
        DataSet length = new DataSet().setInt(Tag.FILE_META_INFORMATION_GROUP_LENGTH, Vr.UL, elements.length);
        out.write(DicomWriter.encode(length, true));
        out.write(elements);
    }

    /** A whole file: header, then {@code dataSet} encoded in the meta information's transfer syntax. */
    public static void write(OutputStream out, FileMetaInformation meta, DataSet dataSet) throws IOException {
        TransferSyntax syntax = syntaxOf(meta);
        writeHeader(out, meta);
        new DicomWriter(out, syntax).write(dataSet);
    }

    /** Reads preamble, prefix and meta group, leaving {@code in} at the first byte of the data set. */
    public static FileMetaInformation readHeader(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] prefix = new byte[PREAMBLE + MAGIC.length];
        try {
            data.readFully(prefix);
        } catch (EOFException e) {
            throw new DicomFormatException("not a DICOM file: shorter than the 132-byte preamble and prefix");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix[PREAMBLE + i] != MAGIC[i]) {
                throw new DicomFormatException("not a DICOM file: no 'DICM' after the preamble");
            }
        }
        byte[] lengthElement = new byte[12];
        try {
            data.readFully(lengthElement);
        } catch (EOFException e) {
            throw new DicomFormatException("truncated file meta information");
        }
        DataSet first = new DicomReader(new ByteArrayInputStream(lengthElement), true, Long.MAX_VALUE).readDataSet();
        long length = first.integer(Tag.FILE_META_INFORMATION_GROUP_LENGTH).map(Integer::toUnsignedLong)
                .orElseThrow(() -> new DicomFormatException("file meta information does not start with (0002,0000)"));
        if (length > MAX_META_LENGTH) {
            throw new DicomFormatException("file meta group length " + length + " is implausible");
        }
        DataSet group = new DicomReader(in, true, Long.MAX_VALUE).readDataSet(length);
        return FileMetaInformation.from(group);
    }

    /** A whole file read into memory, bulk values beyond {@code bulkThreshold} skipped. */
    public static Parsed read(InputStream in, long bulkThreshold) throws IOException {
        FileMetaInformation meta = readHeader(in);
        DataSet dataSet = new DicomReader(in, syntaxOf(meta), bulkThreshold).readDataSet();
        return new Parsed(meta, dataSet);
    }

    public record Parsed(FileMetaInformation meta, DataSet dataSet) {
    }

    public static TransferSyntax syntaxOf(FileMetaInformation meta) throws DicomFormatException {
        return TransferSyntax.of(meta.transferSyntaxUid()).orElseThrow(() -> new DicomFormatException(
                "unsupported transfer syntax " + meta.transferSyntaxUid()));
    }

    private DicomFile() {
    }
}
