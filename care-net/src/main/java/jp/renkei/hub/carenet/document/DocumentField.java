package jp.renkei.hub.carenet.document;

import java.util.List;

/**
 * One field of a document template.
 *
 * @param code      the key under which the value is stored (unique in the template)
 * @param label     what the form and the PDF show
 * @param maxLength the longest TEXT or LONG_TEXT accepted
 */
public record DocumentField(String code, String label, FieldType type, List<String> options, Integer maxLength,
                            boolean required) {

    public DocumentField {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
