package jp.renkei.hub.regional.pathway;

import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;

/** The kinds of value an assessment item takes, as a template names them, each with its FHIR item type. */
public enum ItemKind {
    INTEGER("integer", QuestionnaireItemType.INTEGER),
    DECIMAL("decimal", QuestionnaireItemType.DECIMAL),
    BOOLEAN("boolean", QuestionnaireItemType.BOOLEAN),
    CHOICE("choice", QuestionnaireItemType.CHOICE),
    STRING("string", QuestionnaireItemType.STRING),
    DATE("date", QuestionnaireItemType.DATE);

    private final String name;
    private final QuestionnaireItemType fhir;

    ItemKind(String name, QuestionnaireItemType fhir) {
        this.name = name;
        this.fhir = fhir;
    }

    /** The name in a template file ({@code "integer"}, {@code "choice"} …). */
    public String fileName() {
        return name;
    }

    public QuestionnaireItemType fhir() {
        return fhir;
    }

    public boolean numeric() {
        return this == INTEGER || this == DECIMAL;
    }

    static Optional<ItemKind> named(String name) {
        return Arrays.stream(values()).filter(k -> k.name.equals(name)).findFirst();
    }
}
