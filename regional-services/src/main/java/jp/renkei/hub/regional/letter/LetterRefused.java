package jp.renkei.hub.regional.letter;

/** The requester may see the letter but not do this with it (e.g. a clerk writing one, a sender acknowledging). */
public class LetterRefused extends RuntimeException {

    public LetterRefused(String message) {
        super(message);
    }
}
