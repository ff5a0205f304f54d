package jp.renkei.hub.consent.access;

/**
 * The decider's answer.
 *
 * @param basis  why, as a value callers can branch on
 * @param reason why, for people: the basis' text plus what it rests on (e.g. which consent)
 */
public record Decision(Effect effect, DecisionBasis basis, String reason) {

    public enum Effect { PERMIT, DENY }

    static Decision because(DecisionBasis basis, String specifics) {
        return new Decision(basis.permits() ? Effect.PERMIT : Effect.DENY, basis,
                specifics == null ? basis.text() : basis.text() + " (" + specifics + ")");
    }

    public boolean permitted() {
        return effect == Effect.PERMIT;
    }
}
