package jp.renkei.hub.regional.questionnaire;

import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;

/** The kinds of question the builder offers, each with the FHIR item type it is stored as. */
public enum ItemType {
    TEXT(QuestionnaireItemType.STRING),
    LONG_TEXT(QuestionnaireItemType.TEXT),
    YES_NO(QuestionnaireItemType.BOOLEAN),
    SINGLE_CHOICE(QuestionnaireItemType.CHOICE),
    /** A choice item with {@code repeats}: several options may be ticked. */
    MULTIPLE_CHOICE(QuestionnaireItemType.CHOICE),
    /** A decimal with the unit shown beside the field (e.g. kg, ℃). */
    NUMBER(QuestionnaireItemType.DECIMAL),
    DATE(QuestionnaireItemType.DATE);

    private final QuestionnaireItemType fhir;

    ItemType(QuestionnaireItemType fhir) {
        this.fhir = fhir;
    }

    public QuestionnaireItemType fhir() {
        return fhir;
    }

    public boolean hasOptions() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }
}
