package jp.renkei.hub.carenet.post;

import java.util.List;

import jp.renkei.hub.carenet.template.StructuredEntry;

/** What a member writes: a title, free text, structured entries and whether family members see it. */
public record NewPost(String title, String body, List<StructuredEntry> entries, boolean sharedWithFamily) {

    public NewPost {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
