package jp.renkei.hub.carenet.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values entered for one category of a post, by item code. Only what was entered is recorded: items left
 * empty are absent, never stored as blanks.
 */
public record StructuredEntry(String category, Map<String, Object> values) {

    public StructuredEntry {
        values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }
}
