package jp.renkei.hub.dicom.encoding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a data set in Implicit or Explicit VR Little Endian (PS3.5 7). Odd-length values are padded with
 * their VR's padding byte; sequences are written delimited or counted as their {@link Value.Items} says;
 * encapsulated pixel data as its fragments. A {@link Value.Skipped} value cannot be written: the data it
 * stood for was never read.
 */
public final class DicomWriter {

    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final OutputStream out;
    private final boolean explicitVr;

    public DicomWriter(OutputStream out, boolean explicitVr) {
        this.out = out;
        this.explicitVr = explicitVr;
    }

    public DicomWriter(OutputStream out, TransferSyntax syntax) {
        this(out, syntax.explicitVr());
    }

    /** The encoding of {@code set} as bytes. */
    public static byte[] encode(DataSet set, boolean explicitVr) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            new DicomWriter(bytes, explicitVr).write(set);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public void write(DataSet set) throws IOException {
        for (Element element : set.elements()) {
            write(element);
        }
    }

    private void write(Element element) throws IOException {
        Value value = element.value();
        if (value instanceof Value.Bytes bytes) {
            byte[] data = bytes.bytes();
            int padded = data.length + (data.length & 1);
            header(element.tag(), element.vr(), padded);
            out.write(data);
            if (padded != data.length) {
                out.write(element.vr().paddingByte());
            }
        } else if (value instanceof Value.Items items) {
            header(element.tag(), Vr.SQ, items.undefinedLength() ? UNDEFINED : itemsLength(items));
            for (DataSet item : items.items()) {
                itemHeader(Tag.ITEM, items.undefinedLength() ? UNDEFINED : length(item));
                write(item);
                if (items.undefinedLength()) {
                    itemHeader(Tag.ITEM_DELIMITATION, 0);
                }
            }
            if (items.undefinedLength()) {
                itemHeader(Tag.SEQUENCE_DELIMITATION, 0);
            }
        } else if (value instanceof Value.Fragments fragments) {
            header(element.tag(), element.vr(), UNDEFINED);
            for (byte[] fragment : fragments.fragments()) {
                itemHeader(Tag.ITEM, fragment.length + (fragment.length & 1));
                out.write(fragment);
                if ((fragment.length & 1) == 1) {
                    out.write(0);
                }
            }
            itemHeader(Tag.SEQUENCE_DELIMITATION, 0);
        } else {
            throw new IllegalStateException(element + " was skipped when it was read and cannot be written");
        }
    }

    /** The encoded length of a data set's elements (no item header). */
    public long length(DataSet set) {
        long total = 0;
        for (Element element : set.elements()) {
            total += length(element);
        }
        return total;
    }

    private long length(Element element) {
        Value value = element.value();
        Vr vr = value instanceof Value.Items ? Vr.SQ : element.vr();
        long header = explicitVr && vr.hasLongLength() ? 12 : 8;
        if (value instanceof Value.Bytes bytes) {
            return header + bytes.bytes().length + (bytes.bytes().length & 1);
        }
        if (value instanceof Value.Items items) {
            return header + itemsLength(items) + (items.undefinedLength() ? 8 : 0);
        }
        if (value instanceof Value.Fragments fragments) {
            long total = header + 8;
            for (byte[] fragment : fragments.fragments()) {
                total += 8 + fragment.length + (fragment.length & 1);
            }
            return total;
        }
        throw new IllegalStateException(element + " was skipped when it was read and cannot be written");
    }

    private long itemsLength(Value.Items items) {
        long total = 0;
        for (DataSet item : items.items()) {
            total += 8 + length(item) + (items.undefinedLength() ? 8 : 0);
        }
        return total;
    }

    private void header(int tag, Vr vr, long length) throws IOException {
        writeShort(Tag.group(tag));
        writeShort(Tag.element(tag));
        if (!explicitVr) {
            writeInt(length);
            return;
        }
        out.write(vr.name().charAt(0));
        out.write(vr.name().charAt(1));
        if (vr.hasLongLength()) {
            writeShort(0);
            writeInt(length);
        } else {
            if (length > 0xFFFF) {
                throw new IllegalArgumentException(Tag.toString(tag) + " " + vr + " value of " + length
                        + " bytes does not fit a 16-bit length");
            }
            writeShort((int) length);
        }
    }

    private void itemHeader(int tag, long length) throws IOException {
        writeShort(Tag.group(tag));
        writeShort(Tag.element(tag));
        writeInt(length);
    }

    private void writeShort(int value) throws IOException {
        out.write(value & 0xFF);
        out.write(value >>> 8 & 0xFF);
    }

    private void writeInt(long value) throws IOException {
        writeShort((int) (value & 0xFFFF));
        writeShort((int) (value >>> 16 & 0xFFFF));
    }
}
