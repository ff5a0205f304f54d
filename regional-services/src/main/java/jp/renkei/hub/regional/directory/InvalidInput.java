package jp.renkei.hub.regional.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A profile or a search the directory cannot accept, with every offending field and a Japanese sentence saying what
 * is wrong with it. Thrown before anything is written.
 */
public class InvalidInput extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public InvalidInput(Map<String, String> fieldErrors) {
        super(fieldErrors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; ")));
        this.fieldErrors = Map.copyOf(new LinkedHashMap<>(fieldErrors));
    }

    public static InvalidInput of(String field, String problem) {
        return new InvalidInput(Map.of(field, problem));
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
