package jp.renkei.hub.carenet.template;

import java.util.List;
import java.util.Optional;

/** A category of structured entries (食事, 睡眠, バイタル …) and its items. */
public record CategoryTemplate(String code, String title, List<TemplateItem> items) {

    public CategoryTemplate {
        items = List.copyOf(items);
    }

    public Optional<TemplateItem> item(String itemCode) {
        return items.stream().filter(i -> i.code().equals(itemCode)).findFirst();
    }
}
