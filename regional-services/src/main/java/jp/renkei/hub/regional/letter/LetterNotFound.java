package jp.renkei.hub.regional.letter;

/** No such letter, or one the requester's facility neither sent nor received: the two are told apart nowhere. */
public class LetterNotFound extends RuntimeException {

    public LetterNotFound() {
        super("letter not found");
    }
}
