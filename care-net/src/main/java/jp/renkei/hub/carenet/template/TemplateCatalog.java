package jp.renkei.hub.carenet.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The category templates of the region, read from {@code hub.care_template} (data, not code: a region adds a
 * category by inserting a row). A definition that could never accept a value is refused when read, naming the
 * row, rather than silently rejecting every post that uses it.
 */
@Component
public class TemplateCatalog {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public TemplateCatalog(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every template by code, in display order. */
    public Map<String, CategoryTemplate> templates() {
        Map<String, CategoryTemplate> templates = new LinkedHashMap<>();
        for (String definition : jdbc.sql("SELECT definition::text FROM hub.care_template ORDER BY position, code")
                .query(String.class).list()) {
            CategoryTemplate template = parse(definition);
            templates.put(template.code(), template);
        }
        return templates;
    }

    public List<CategoryTemplate> list() {
        return List.copyOf(templates().values());
    }

    CategoryTemplate parse(String definition) {
        CategoryTemplate template;
        try {
            template = json.readValue(definition, CategoryTemplate.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("care_template definition is not valid: " + e.getOriginalMessage(), e);
        }
        for (TemplateItem item : template.items()) {
            String problem = switch (item.type()) {
                case CHOICE -> item.options().isEmpty() ? "has no options" : null;
                case NUMBER -> item.min() == null || item.max() == null || item.decimals() == null || item.unit() == null
                        || item.min().compareTo(item.max()) > 0 ? "needs unit, min <= max and decimals" : null;
                case TEXT -> item.maxLength() == null || item.maxLength() < 1 ? "needs maxLength >= 1" : null;
            };
            if (problem != null) {
                throw new IllegalStateException("care_template " + template.code() + " item " + item.code() + " "
                        + problem);
            }
        }
        return template;
    }
}
