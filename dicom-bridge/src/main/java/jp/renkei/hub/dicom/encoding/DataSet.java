package jp.renkei.hub.dicom.encoding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A DICOM data set (or sequence item): elements in ascending tag order. Text is decoded and encoded with the
 * data set's specific character set, which an item inherits from the data set that contains it unless it
 * names its own (PS3.5 7.5.3).
 */
public final class DataSet {

    private final TreeMap<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);
    private DataSet parent;

    public Collection<Element> elements() {
        return elements.values();
    }

    public Optional<Element> get(int tag) {
        return Optional.ofNullable(elements.get(tag));
    }

    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** The highest tag present; only meaningful when the data set is not empty. */
    int lastTag() {
        return elements.lastKey();
    }

    public int size() {
        return elements.size();
    }

    public void put(Element element) {
        if (element.value() instanceof Value.Items items) {
            items.items().forEach(item -> item.parent = this);
        }
        elements.put(element.tag(), element);
    }

    public void remove(int tag) {
        elements.remove(tag);
    }

    public SpecificCharacterSet charset() {
        Element own = elements.get(Tag.SPECIFIC_CHARACTER_SET);
        if (own != null && own.value() instanceof Value.Bytes bytes) {
            return SpecificCharacterSet.of(SpecificCharacterSet.DEFAULT.decodeValues(bytes.bytes(), Vr.CS));
        }
        return parent == null ? SpecificCharacterSet.DEFAULT : parent.charset();
    }

    /** The bytes of a primitive value, if the element is present and has one. */
    public Optional<byte[]> bytes(int tag) {
        return get(tag).map(Element::value).filter(Value.Bytes.class::isInstance).map(v -> ((Value.Bytes) v).bytes());
    }

    /** All values of a text element, decoded, without padding; empty when the element is absent or empty. */
    public List<String> strings(int tag) {
        Optional<Element> element = get(tag);
        Optional<byte[]> bytes = bytes(tag);
        if (element.isEmpty() || bytes.isEmpty() || bytes.get().length == 0) {
            return List.of();
        }
        return charset().decodeValues(bytes.get(), element.get().vr());
    }

    /** The first value of a text element; empty when absent or empty. */
    public Optional<String> string(int tag) {
        return strings(tag).stream().findFirst().filter(s -> !s.isEmpty());
    }

    /** The first value of an integer element (US, UL, SS, SL or IS). */
    public Optional<Integer> integer(int tag) {
        Optional<Element> element = get(tag);
        Optional<byte[]> bytes = bytes(tag);
        if (element.isEmpty() || bytes.isEmpty()) {
            return Optional.empty();
        }
        byte[] b = bytes.get();
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (element.get().vr()) {
            case US:
                return b.length >= 2 ? Optional.of(le.getShort() & 0xFFFF) : Optional.empty();
            case SS:
                return b.length >= 2 ? Optional.of((int) le.getShort()) : Optional.empty();
            case UL:
            case SL:
                return b.length >= 4 ? Optional.of(le.getInt()) : Optional.empty();
            case IS:
                try {
                    return string(tag).map(String::strip).map(Integer::valueOf);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            default:
                return Optional.empty();
        }
    }

    /** The items of a sequence element; empty when absent. */
    public List<DataSet> items(int tag) {
        return get(tag).map(Element::value).filter(Value.Items.class::isInstance)
                .map(v -> ((Value.Items) v).items()).orElse(List.of());
    }

    /** Sets a text element from its values, encoded in this data set's character set. */
    public DataSet setStrings(int tag, Vr vr, String... values) {
        if (!vr.isText()) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": " + vr + " is not a text VR");
        }
        SpecificCharacterSet charset = tag == Tag.SPECIFIC_CHARACTER_SET ? SpecificCharacterSet.DEFAULT : charset();
        put(new Element(tag, vr, new Value.Bytes(charset.encode(String.join("\\", values), vr))));
        return this;
    }

    /** Sets a binary integer element (US, UL, SS or SL) or an IS. */
    public DataSet setInt(int tag, Vr vr, int value) {
        byte[] bytes;
        switch (vr) {
            case US, SS -> bytes = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array();
            case UL, SL -> bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
            case IS -> {
                return setStrings(tag, vr, Integer.toString(value));
            }
            default -> throw new IllegalArgumentException(Tag.toString(tag) + ": " + vr + " is not an integer VR");
        }
        put(new Element(tag, vr, new Value.Bytes(bytes)));
        return this;
    }

    public DataSet setBytes(int tag, Vr vr, byte[] bytes) {
        put(new Element(tag, vr, new Value.Bytes(bytes.clone())));
        return this;
    }

    public DataSet setItems(int tag, boolean undefinedLength, List<DataSet> items) {
        put(new Element(tag, Vr.SQ, new Value.Items(items, undefinedLength)));
        return this;
    }

    /** A deep copy limited to the given tags (those present), for building query responses and meta groups. */
    public DataSet select(int... tags) {
        DataSet copy = new DataSet();
        copy.parent = parent;
        for (int tag : tags) {
            get(tag).ifPresent(copy::put);
        }
        return copy;
    }

    /** Structural equality: same tags, VRs and value bytes, recursively. */
    public boolean sameAs(DataSet other) {
        if (other.elements.size() != elements.size()) {
            return false;
        }
        List<Element> mine = new ArrayList<>(elements.values());
        List<Element> theirs = new ArrayList<>(other.elements.values());
        for (int i = 0; i < mine.size(); i++) {
            if (!same(mine.get(i), theirs.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(Element a, Element b) {
        if (a.tag() != b.tag() || a.vr() != b.vr()) {
            return false;
        }
        if (a.value() instanceof Value.Bytes x && b.value() instanceof Value.Bytes y) {
            return Arrays.equals(x.bytes(), y.bytes());
        }
        if (a.value() instanceof Value.Items x && b.value() instanceof Value.Items y) {
            if (x.items().size() != y.items().size()) {
                return false;
            }
            for (int i = 0; i < x.items().size(); i++) {
                if (!x.items().get(i).sameAs(y.items().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.value() instanceof Value.Fragments x && b.value() instanceof Value.Fragments y) {
            if (x.fragments().size() != y.fragments().size()) {
                return false;
            }
            for (int i = 0; i < x.fragments().size(); i++) {
                if (!Arrays.equals(x.fragments().get(i), y.fragments().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.value().equals(b.value());
    }

    @Override
    public String toString() {
        return "DataSet" + elements.values();
    }
}
