package jp.renkei.hub.dicom.encoding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A decoded PN value (PS3.5 6.2.1): up to three component groups — alphabetic, ideographic (kanji) and
 * phonetic (kana) — separated by {@code =}, each of five components separated by {@code ^}.
 */
public record PersonName(Group alphabetic, Group ideographic, Group phonetic) {

    /** family ^ given ^ middle ^ prefix ^ suffix; absent components are empty strings. */
    public record Group(String family, String given, String middle, String prefix, String suffix) {

        static final Group EMPTY = new Group("", "", "", "", "");

        static Group parse(String text) {
            String[] parts = Arrays.copyOf(text.split("\\^", -1), 5);
            for (int i = 0; i < parts.length; i++) {
                parts[i] = parts[i] == null ? "" : parts[i].strip();
            }
            return new Group(parts[0], parts[1], parts[2], parts[3], parts[4]);
        }

        public boolean isEmpty() {
            return Stream.of(family, given, middle, prefix, suffix).allMatch(String::isEmpty);
        }

        /** The components in DICOM notation, trailing empty ones dropped. */
        @Override
        public String toString() {
            List<String> parts = new ArrayList<>(List.of(family, given, middle, prefix, suffix));
            while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
                parts.remove(parts.size() - 1);
            }
            return String.join("^", parts);
        }

        /** Family and given name for people to read, e.g. {@code 山田 太郎}. */
        public String display() {
            return Stream.of(prefix, family, given, middle, suffix).filter(s -> !s.isEmpty())
                    .collect(Collectors.joining(" "));
        }
    }

    public static PersonName parse(String value) {
        String[] groups = Arrays.copyOf(value.split("=", -1), 3);
        return new PersonName(group(groups[0]), group(groups[1]), group(groups[2]));
    }

    private static Group group(String text) {
        return text == null ? Group.EMPTY : Group.parse(text);
    }

    /** The DICOM notation, trailing empty groups dropped. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(List.of(alphabetic.toString(), ideographic.toString(),
                phonetic.toString()));
        while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return String.join("=", parts);
    }
}
