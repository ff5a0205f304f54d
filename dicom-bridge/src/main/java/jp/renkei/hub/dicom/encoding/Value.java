package jp.renkei.hub.dicom.encoding;

import java.util.List;

/** What an element holds. Byte values are kept as encoded (little endian, with their padding). */
public sealed interface Value {

    /** A primitive value: the raw bytes of the value field. */
    record Bytes(byte[] bytes) implements Value {
    }

    /** A sequence (SQ) of items; {@code undefinedLength} says how it is written (delimited or counted). */
    record Items(List<DataSet> items, boolean undefinedLength) implements Value {

        public Items {
            items = List.copyOf(items);
        }
    }

    /**
     * Encapsulated pixel data (PS3.5 A.4): the basic offset table (first, possibly empty) and the compressed
     * fragments, opaque to the hub.
     */
    record Fragments(List<byte[]> fragments) implements Value {

        public Fragments {
            fragments = List.copyOf(fragments);
        }
    }

    /** A value the reader checked but did not keep (bulk data beyond its threshold): only its length is known. */
    record Skipped(long length) implements Value {
    }
}
