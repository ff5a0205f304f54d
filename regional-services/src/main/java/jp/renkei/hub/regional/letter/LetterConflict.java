package jp.renkei.hub.regional.letter;

/** The letter is not in a state for this (e.g. signed already). */
public class LetterConflict extends RuntimeException {

    public LetterConflict(String message) {
        super(message);
    }
}
