package jp.renkei.hub.dicom.query;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Attribute matching of C-FIND keys (PS3.4 C.2.2.2): an empty key matches everything; single values match
 * exactly or with the wildcards {@code *} and {@code ?}; UID keys match any of a backslash-separated list; dates
 * match a range {@code from-to} with either end open.
 */
public final class QueryKeys {

    /** Single-value or wildcard matching; a key with no value is universal. */
    public static boolean matches(String key, String value) {
        if (key == null || key.isEmpty() || key.equals("*")) {
            return true;
        }
        if (value == null) {
            return false;
        }
        if (key.indexOf('*') < 0 && key.indexOf('?') < 0) {
            return key.equals(value);
        }
        StringBuilder regex = new StringBuilder();
        for (char c : key.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(Character.toString(c)));
        }
        return value.matches(regex.toString());
    }

    /** List of UID matching. */
    public static boolean matchesUid(List<String> keys, String value) {
        return keys.isEmpty() || keys.stream().allMatch(String::isEmpty) || keys.contains(value);
    }

    /** Single date or date range (YYYYMMDD). */
    public static boolean matchesDate(String key, String value) {
        if (key == null || key.isEmpty()) {
            return true;
        }
        if (value == null) {
            return false;
        }
        int dash = key.indexOf('-');
        if (dash < 0) {
            return key.equals(value);
        }
        String from = key.substring(0, dash);
        String to = key.substring(dash + 1);
        return (from.isEmpty() || value.compareTo(from) >= 0) && (to.isEmpty() || value.compareTo(to) <= 0);
    }

    /** Any of the values matches (ModalitiesInStudy against the study's modalities). */
    public static boolean matchesAny(String key, List<String> values) {
        return key == null || key.isEmpty() || values.stream().anyMatch(v -> matches(key, v));
    }

    private QueryKeys() {
    }
}
