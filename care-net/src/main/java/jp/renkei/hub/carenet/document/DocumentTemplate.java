package jp.renkei.hub.carenet.document;

import java.util.List;
import java.util.Optional;

import jp.renkei.hub.core.security.HubRole;
import jp.renkei.hub.core.security.Requester;

/**
 * A kind of document (主治医意見書, 訪問看護指示書, 訪問看護報告書 …), stored as data in
 * {@code hub.care_document_template}: its sections and fields, and the roles that write it.
 */
public record DocumentTemplate(String kind, String title, List<HubRole> authors, List<DocumentSection> sections) {

    public DocumentTemplate {
        authors = List.copyOf(authors);
        sections = List.copyOf(sections);
    }

    public List<DocumentField> fields() {
        return sections.stream().flatMap(s -> s.fields().stream()).toList();
    }

    public Optional<DocumentField> field(String code) {
        return fields().stream().filter(f -> f.code().equals(code)).findFirst();
    }

    public boolean writtenBy(Requester requester) {
        return authors.stream().anyMatch(requester::has);
    }
}
