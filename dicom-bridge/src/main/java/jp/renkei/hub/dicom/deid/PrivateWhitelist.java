package jp.renkei.hub.dicom.deid;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private attributes kept through de-identification although the Basic Profile removes every private attribute
 * (PS3.15 E.3.10 allows keeping those known to be safe). An entry names the private creator, the odd group and
 * the element's low byte, written as the standard writes them: {@code (0043,xx27) GEMS_PARM_01}, or without
 * parentheses and comma ({@code 0043xx27 GEMS_PARM_01}) where a comma would split a list setting. Empty by
 * default; every entry is a decision someone has to justify (docs/configuration.md).
 */
public record PrivateWhitelist(List<Entry> entries) {

    private static final Pattern NOTATION = Pattern.compile("\\(?([0-9A-Fa-f]{4}),?xx([0-9A-Fa-f]{2})\\)?\\s+(\\S.*)");

    public record Entry(int group, int elementByte, String creator) {
        public Entry {
            Objects.requireNonNull(creator, "creator");
            if ((group & 1) == 0) {
                throw new IllegalArgumentException(String.format("group %04X is not private (odd)", group));
            }
        }
    }

    public static final PrivateWhitelist NONE = new PrivateWhitelist(List.of());

    public PrivateWhitelist {
        entries = List.copyOf(entries);
    }

    /** Parses entries written like {@code (0043,xx27) GEMS_PARM_01}. */
    public static PrivateWhitelist parse(Collection<String> notations) {
        return new PrivateWhitelist(notations.stream().map(PrivateWhitelist::entry).toList());
    }

    private static Entry entry(String notation) {
        Matcher m = NOTATION.matcher(notation.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("private whitelist entry '" + notation
                    + "' is not written like (0043,xx27) GEMS_PARM_01");
        }
        return new Entry(Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16), m.group(3).strip());
    }

    /** Whether an element of {@code group} with low byte {@code elementByte}, reserved by {@code creator}, is kept. */
    boolean keeps(int group, int elementByte, String creator) {
        return entries.stream().anyMatch(e -> e.group() == group && e.elementByte() == elementByte
                && e.creator().equals(creator));
    }

    /** Whether anything reserved by {@code creator} in {@code group} is kept (so its creator element stays). */
    boolean keepsAnyOf(int group, String creator) {
        return entries.stream().anyMatch(e -> e.group() == group && e.creator().equals(creator));
    }

    @Override
    public String toString() {
        return entries.stream().map(e -> String.format(Locale.ROOT, "(%04X,xx%02X) %s", e.group(), e.elementByte(),
                e.creator())).toList().toString();
    }
}
