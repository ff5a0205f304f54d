package jp.renkei.hub.dicom.encoding;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a data set from a stream in Implicit or Explicit VR Little Endian (PS3.5 7), element by element:
 * sequences and items of defined and undefined length, encapsulated pixel data as fragments. Every length is
 * checked against what encloses it and against the end of the stream, so truncated or malformed input ends in
 * a {@link DicomFormatException}, never in a huge allocation or a stack overflow. Values longer than the bulk
 * threshold are skipped (read and counted, not kept): an instance can be checked and indexed without holding
 * its pixel data.
 */
public final class DicomReader {

    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_DEPTH = 32;
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final boolean explicitVr;
    private final long bulkThreshold;
    private final ElementDictionary dictionary = ElementDictionary.standard();
    private long position;

    /**
     * @param bulkThreshold values of a bulk VR (OB, OW, UN, OF...) or fragments longer than this are skipped;
     *                      {@code Long.MAX_VALUE} keeps everything
     */
    public DicomReader(InputStream in, TransferSyntax syntax, long bulkThreshold) {
        this(in, syntax.explicitVr(), bulkThreshold);
    }

    public DicomReader(InputStream in, boolean explicitVr, long bulkThreshold) {
        this.in = in;
        this.explicitVr = explicitVr;
        this.bulkThreshold = bulkThreshold;
    }

    /** Bytes consumed so far. */
    public long position() {
        return position;
    }

    /** Reads elements up to the end of the stream. */
    public DataSet readDataSet() throws IOException {
        DataSet set = new DataSet();
        while (true) {
            int first = in.read();
            if (first < 0) {
                return set;
            }
            position++;
            long start = position - 1;
            readElementInto(set, readTag(first), start, explicitVr, Long.MAX_VALUE, 0);
        }
    }

    /**
     * Reads top-level elements up to, not including, the first whose tag is {@code stopTag} or later, and leaves
     * the stream at that element's first byte, so that a caller can copy it (pixel data) without holding it.
     * The stream must support {@code mark}/{@code reset}.
     */
    public DataSet readDataSetBefore(int stopTag) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalStateException("reading up to a tag needs a stream that supports mark and reset");
        }
        DataSet set = new DataSet();
        while (true) {
            in.mark(4);
            int first = in.read();
            if (first < 0) {
                return set;
            }
            position++;
            long start = position - 1;
            int tag = readTag(first);
            if (Integer.compareUnsigned(tag, stopTag) >= 0) {
                in.reset();
                position = start;
                return set;
            }
            readElementInto(set, tag, start, explicitVr, Long.MAX_VALUE, 0);
        }
    }

    /** Reads exactly {@code length} bytes of elements (a group whose length is known, such as file meta). */
    public DataSet readDataSet(long length) throws IOException {
        DataSet set = new DataSet();
        long end = position + length;
        while (position < end) {
            long start = position;
            readElementInto(set, readTag(readUnsignedByte()), start, explicitVr, end, 0);
        }
        if (position != end) {
            throw new DicomFormatException("an element crosses the end of its group at offset " + end);
        }
        return set;
    }

    /** One element whose tag has been read; {@code end} is where the enclosing item ends. */
    private void readElementInto(DataSet set, int tag, long start, boolean explicit, long end, int depth)
            throws IOException {
        if (Tag.group(tag) == 0xFFFE) {
            throw new DicomFormatException("unexpected " + Tag.toString(tag) + " outside a sequence at offset " + start);
        }
        Vr vr;
        long length;
        if (explicit) {
            int a = readUnsignedByte();
            int b = readUnsignedByte();
            vr = Vr.fromCode(a, b).orElseThrow(() -> new DicomFormatException("bad VR '" + printable(a) + printable(b)
                    + "' of " + Tag.toString(tag) + " at offset " + start));
            if (vr.hasLongLength()) {
                readUnsignedShort();
                length = readUnsignedInt();
            } else {
                length = readUnsignedShort();
            }
        } else {
            vr = dictionary.vrOf(tag);
            length = readUnsignedInt();
        }
        if (set.size() > 0 && Integer.compareUnsigned(tag, set.lastTag()) <= 0) {
            throw new DicomFormatException(Tag.toString(tag) + " at offset " + start + " is out of ascending order");
        }
        if (length == UNDEFINED) {
            if (tag == Tag.PIXEL_DATA && (vr == Vr.OB || vr == Vr.OW) && explicit) {
                set.put(new Element(tag, vr, readFragments(end)));
            } else if (vr == Vr.SQ || vr == Vr.UN || !explicit) {
                // An undefined-length UN is a sequence encoded in implicit VR (PS3.5 6.2.2).
                boolean itemsExplicit = explicit && vr == Vr.SQ;
                set.put(new Element(tag, Vr.SQ, readItems(UNDEFINED, itemsExplicit, end, depth)));
            } else {
                throw new DicomFormatException("undefined length for " + vr + " " + Tag.toString(tag)
                        + " at offset " + start);
            }
            return;
        }
        require(length, end, tag, start);
        if (vr == Vr.SQ) {
            set.put(new Element(tag, vr, readItems(length, explicit, end, depth)));
        } else {
            set.put(new Element(tag, vr, readValue(vr, length)));
        }
    }

    private Value.Items readItems(long length, boolean explicit, long outerEnd, int depth) throws IOException {
        if (depth >= MAX_DEPTH) {
            throw new DicomFormatException("sequences nested deeper than " + MAX_DEPTH + " at offset " + position);
        }
        long end = length == UNDEFINED ? outerEnd : position + length;
        List<DataSet> items = new ArrayList<>();
        while (length == UNDEFINED || position < end) {
            long start = position;
            int tag = readTag(readUnsignedByte());
            long itemLength = readUnsignedInt();
            if (tag == Tag.SEQUENCE_DELIMITATION && length == UNDEFINED) {
                return new Value.Items(items, true);
            }
            if (tag != Tag.ITEM) {
                throw new DicomFormatException("expected an item, found " + Tag.toString(tag) + " at offset " + start);
            }
            DataSet item = new DataSet();
            if (itemLength == UNDEFINED) {
                while (true) {
                    long elementStart = position;
                    int elementTag = readTag(readUnsignedByte());
                    if (elementTag == Tag.ITEM_DELIMITATION) {
                        long delimiterLength = readUnsignedInt();
                        if (delimiterLength != 0) {
                            throw new DicomFormatException("item delimitation with length " + delimiterLength
                                    + " at offset " + elementStart);
                        }
                        break;
                    }
                    readElementInto(item, elementTag, elementStart, explicit, end, depth + 1);
                }
            } else {
                require(itemLength, end, Tag.ITEM, start);
                long itemEnd = position + itemLength;
                while (position < itemEnd) {
                    long elementStart = position;
                    readElementInto(item, readTag(readUnsignedByte()), elementStart, explicit, itemEnd, depth + 1);
                }
                if (position != itemEnd) {
                    throw new DicomFormatException("an element crosses the end of the item ending at " + itemEnd);
                }
            }
            items.add(item);
        }
        if (position != end) {
            throw new DicomFormatException("an item crosses the end of the sequence ending at " + end);
        }
        return new Value.Items(items, false);
    }

    private Value readFragments(long end) throws IOException {
        List<byte[]> fragments = new ArrayList<>();
        long total = 0;
        boolean keep = true;
        while (true) {
            long start = position;
            int tag = readTag(readUnsignedByte());
            long length = readUnsignedInt();
            if (tag == Tag.SEQUENCE_DELIMITATION) {
                return keep ? new Value.Fragments(fragments) : new Value.Skipped(total);
            }
            if (tag != Tag.ITEM || length == UNDEFINED) {
                throw new DicomFormatException("expected a pixel-data fragment, found " + Tag.toString(tag)
                        + " at offset " + start);
            }
            require(length, end, tag, start);
            total += length;
            if (keep && total > bulkThreshold) {
                keep = false;
                fragments.clear();
            }
            if (keep) {
                fragments.add(readBytes(length));
            } else {
                skip(length);
            }
        }
    }

    private Value readValue(Vr vr, long length) throws IOException {
        boolean bulk = !vr.isText() && vr != Vr.AT && vr != Vr.US && vr != Vr.SS && vr != Vr.UL && vr != Vr.SL
                && vr != Vr.FL && vr != Vr.FD && vr != Vr.SV && vr != Vr.UV;
        if (bulk && length > bulkThreshold) {
            skip(length);
            return new Value.Skipped(length);
        }
        return new Value.Bytes(readBytes(length));
    }

    private void require(long length, long end, int tag, long start) throws DicomFormatException {
        if (end != Long.MAX_VALUE && position + length > end) {
            throw new DicomFormatException("length " + length + " of " + Tag.toString(tag) + " at offset " + start
                    + " runs past its enclosing item or group (ends at " + end + ")");
        }
    }

    /** Reads in chunks, so that a forged length costs no more memory than the bytes that really arrive. */
    private byte[] readBytes(long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new DicomFormatException("value of " + length + " bytes is too long to hold at offset " + position);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(length, CHUNK));
        byte[] chunk = new byte[(int) Math.min(length, CHUNK)];
        long remaining = length;
        while (remaining > 0) {
            int n = in.read(chunk, 0, (int) Math.min(remaining, chunk.length));
            if (n < 0) {
                throw truncated();
            }
            out.write(chunk, 0, n);
            remaining -= n;
            position += n;
        }
        return out.toByteArray();
    }

    private void skip(long length) throws IOException {
        long remaining = length;
        byte[] sink = new byte[(int) Math.min(Math.max(length, 1), CHUNK)];
        while (remaining > 0) {
            int n = in.read(sink, 0, (int) Math.min(remaining, sink.length));
            if (n < 0) {
                throw truncated();
            }
            remaining -= n;
            position += n;
        }
    }

    private int readTag(int firstByte) throws IOException {
        int group = firstByte | readUnsignedByte() << 8;
        int element = readUnsignedShort();
        return Tag.of(group, element);
    }

    private int readUnsignedByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw truncated();
        }
        position++;
        return b;
    }

    private int readUnsignedShort() throws IOException {
        return readUnsignedByte() | readUnsignedByte() << 8;
    }

    private long readUnsignedInt() throws IOException {
        return (readUnsignedShort() | (long) readUnsignedShort() << 16) & 0xFFFFFFFFL;
    }

    private DicomFormatException truncated() {
        return new DicomFormatException("truncated: the data ends inside an element at offset " + position,
                new EOFException());
    }

    private static String printable(int b) {
        return b >= 0x20 && b < 0x7F ? Character.toString((char) b) : String.format("\\x%02X", b);
    }
}
