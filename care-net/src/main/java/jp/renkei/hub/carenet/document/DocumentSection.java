package jp.renkei.hub.carenet.document;

import java.util.List;

/** A section of a document, as the official form groups its items (e.g. 現在の状況, 留意事項及び指示事項). */
public record DocumentSection(String title, List<DocumentField> fields) {

    public DocumentSection {
        fields = List.copyOf(fields);
    }
}
