package jp.renkei.hub.dicom.encoding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DICOM data dictionary (PS3.6): VR, VM and keyword of every standard tag. It is data, generated from a
 * published dictionary by {@code dicom-bridge/tools/generate-dictionary.sh} into {@code dictionary.tsv} (see
 * the module README for its provenance); nothing here is typed by hand. Implicit VR needs it to know a
 * value's VR.
 */
public final class ElementDictionary {

    /** One entry; {@code vr} is empty for the item and delimitation tags, which have none. */
    public record Entry(int tag, Optional<Vr> vr, String vm, String keyword) {
    }

    /** A repeating-group entry such as {@code (6000-60FF,3000)}: every group in the range with the parity. */
    private record Range(int firstGroup, int lastGroup, int firstElement, int lastElement, boolean anyParity,
                         boolean odd, Entry entry) {

        boolean covers(int tag) {
            int group = Tag.group(tag);
            int element = Tag.element(tag);
            boolean parity = anyParity || ((group & 1) == 1) == odd;
            return group >= firstGroup && group <= lastGroup && element >= firstElement && element <= lastElement
                    && parity;
        }
    }

    private static final ElementDictionary STANDARD = load();

    private final Map<Integer, Entry> exact;
    private final List<Range> ranges;

    private ElementDictionary(Map<Integer, Entry> exact, List<Range> ranges) {
        this.exact = exact;
        this.ranges = ranges;
    }

    public static ElementDictionary standard() {
        return STANDARD;
    }

    public Optional<Entry> entry(int tag) {
        Entry entry = exact.get(tag);
        if (entry != null) {
            return Optional.of(entry);
        }
        if (Tag.element(tag) == 0) {
            // Group lengths (gggg,0000) are UL in every group (PS3.5 7.2).
            return Optional.of(new Entry(tag, Optional.of(Vr.UL), "1", "GroupLength"));
        }
        return ranges.stream().filter(r -> r.covers(tag)).map(Range::entry).findFirst();
    }

    /** The VR implicit VR implies for {@code tag}: the dictionary's, or UN for a tag it does not know. */
    public Vr vrOf(int tag) {
        return entry(tag).flatMap(Entry::vr).orElse(Vr.UN);
    }

    public String keywordOf(int tag) {
        return entry(tag).map(Entry::keyword).orElse("");
    }

    public int size() {
        return exact.size() + ranges.size();
    }

    private static ElementDictionary load() {
        Map<Integer, Entry> exact = new HashMap<>();
        List<Range> ranges = new ArrayList<>();
        try (InputStream in = ElementDictionary.class.getResourceAsStream("dictionary.tsv")) {
            if (in == null) {
                throw new IllegalStateException("dictionary.tsv is missing from the dicom-bridge jar");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] field = line.split("\t");
                String[] tag = field[0].split(",");
                Optional<Vr> vr = Vr.fromDictionary(field[1]);
                if (tag[0].contains("-") || tag[1].contains("-")) {
                    int[] groups = span(tag[0]);
                    int[] elements = span(tag[1]);
                    Entry entry = new Entry(Tag.of(groups[0], elements[0]), vr, field[2], field[3]);
                    ranges.add(new Range(groups[0], groups[1], elements[0], elements[1], tag[0].contains("-u-"),
                            tag[0].contains("-o-"), entry));
                } else {
                    int value = Tag.of(Integer.parseInt(tag[0], 16), Integer.parseInt(tag[1], 16));
                    exact.put(value, new Entry(value, vr, field[2], field[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DICOM dictionary", e);
        }
        return new ElementDictionary(Map.copyOf(exact), List.copyOf(ranges));
    }

    /** {@code 6000-60FF}, {@code 6001-o-60FF} or {@code 0010} as first and last. */
    private static int[] span(String text) {
        String[] parts = text.split("-");
        int first = Integer.parseInt(parts[0], 16);
        int last = Integer.parseInt(parts[parts.length - 1], 16);
        return new int[] {first, last};
    }
}
