package jp.renkei.hub.core.facility;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A DICOM application-entity title of a facility's imaging system. The hub holds them to the safe subset
 * of the DICOM character repertoire that imaging devices accept alike.
 */
public record AeTitle(@JsonValue String value) {

    public static final String PATTERN = "[A-Z0-9_-]([A-Z0-9_ -]{0,14}[A-Z0-9_-])?";
    public static final String RULE =
            "must be 1 to 16 characters of A-Z, 0-9, space, '_' or '-', not starting or ending with a space";

    public AeTitle {
        Objects.requireNonNull(value, "value");
        if (!value.matches(PATTERN)) {
            throw new IllegalArgumentException("AE title '" + value + "' " + RULE);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
