package jp.renkei.hub.regional.pathway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Input the caller can fix: each field (e.g. {@code eventNumber}, {@code participants.maintenance},
 * {@code answers.barthel}) with what is wrong with it. Nothing was stored.
 */
public class InvalidPathway extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidPathway(String field, String problem) {
        this(Map.of(field, problem));
    }

    public InvalidPathway(Map<String, String> errors) {
        super(errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")));
        this.errors = new LinkedHashMap<>(errors);
    }

    /** Field → problem, in the order found. */
    public Map<String, String> errors() {
        return java.util.Collections.unmodifiableMap(errors);
    }

    public String firstField() {
        return errors.keySet().iterator().next();
    }
}
