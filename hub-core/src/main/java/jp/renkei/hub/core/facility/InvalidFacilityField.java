package jp.renkei.hub.core.facility;

/**
 * A facility value refused, naming the field (as the REST API spells it, relative to the details) and what
 * is wrong with it, so that any caller can report it against its own input.
 */
public class InvalidFacilityField extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public InvalidFacilityField(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
