package jp.renkei.hub.regional.questionnaire;

/**
 * A link just issued, with its secrets in the clear: shown (QR code, printed sheet) once and never stored.
 *
 * @param token the link token for {@code /portal/q/<token>}
 * @param code  the short code to type at {@code /portal/q}
 */
public record IssuedLink(AnswerLink link, Form form, FacilityPatient patient, String token, String code) {

    @Override
    public String toString() {
        return "IssuedLink[" + link.id() + "]";
    }
}
