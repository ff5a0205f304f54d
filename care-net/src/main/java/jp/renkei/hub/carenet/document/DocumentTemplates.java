package jp.renkei.hub.carenet.document;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The document templates of the region, read from {@code hub.care_document_template}. A definition that could
 * never be filled in (a choice without options, a text without a length, a field code used twice, no author) is
 * refused when read, naming the row.
 */
@Component
public class DocumentTemplates {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public DocumentTemplates(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<DocumentTemplate> list() {
        return jdbc.sql("SELECT definition::text FROM hub.care_document_template ORDER BY position, kind")
                .query(String.class).list().stream().map(this::parse).toList();
    }

    public Optional<DocumentTemplate> find(String kind) {
        return jdbc.sql("SELECT definition::text FROM hub.care_document_template WHERE kind = :kind")
                .param("kind", kind).query(String.class).optional().map(this::parse);
    }

    DocumentTemplate parse(String definition) {
        DocumentTemplate template;
        try {
            template = json.readValue(definition, DocumentTemplate.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("care_document_template definition is not valid: " + e.getOriginalMessage(), e);
        }
        if (template.authors().isEmpty()) {
            throw new IllegalStateException("care_document_template " + template.kind() + " names no authors");
        }
        Set<String> codes = new HashSet<>();
        for (DocumentField field : template.fields()) {
            String problem = !codes.add(field.code()) ? "is used twice" : switch (field.type()) {
                case CHOICE, MULTI -> field.options().isEmpty() ? "has no options" : null;
                case TEXT, LONG_TEXT -> field.maxLength() == null || field.maxLength() < 1 ? "needs maxLength >= 1" : null;
                case DATE -> null;
            };
            if (problem != null) {
                throw new IllegalStateException("care_document_template " + template.kind() + " field " + field.code()
                        + " " + problem);
            }
        }
        return template;
    }
}
