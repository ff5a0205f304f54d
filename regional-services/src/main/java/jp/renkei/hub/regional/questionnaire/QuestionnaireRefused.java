package jp.renkei.hub.regional.questionnaire;

/**
 * A questionnaire action refused for a reason the person can fix or must know; nothing was changed. The
 * reason is a code the portal turns into a sentence ({@code questionnaire.error.<code>}).
 */
public class QuestionnaireRefused extends RuntimeException {

    private final String reason;

    public QuestionnaireRefused(String reason) {
        super(reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
