package jp.renkei.hub.regional.letter;

/** Input the caller can fix: which field and what is wrong with it. Nothing was stored. */
public class InvalidLetter extends RuntimeException {

    private final String field;

    public InvalidLetter(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return getMessage().substring(field.length() + 2);
    }
}
