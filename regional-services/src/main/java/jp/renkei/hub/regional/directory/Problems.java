package jp.renkei.hub.regional.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Collects the problems of every field of one input, so one answer names all of them. */
final class Problems {

    private final Map<String, String> errors = new LinkedHashMap<>();

    void add(String field, String problem) {
        errors.putIfAbsent(field, problem);
    }

    /** The value {@code parse} gives, or {@code null} with its problem recorded. */
    <T> T attempt(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInput e) {
            e.fieldErrors().forEach(this::add);
            return null;
        }
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}
