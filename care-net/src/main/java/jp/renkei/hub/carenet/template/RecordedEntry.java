package jp.renkei.hub.carenet.template;

import java.util.List;

/** A validated structured entry: the category with its title and only the values that were entered. */
public record RecordedEntry(String category, String title, List<RecordedValue> values) {

    public RecordedEntry {
        values = List.copyOf(values);
    }
}
