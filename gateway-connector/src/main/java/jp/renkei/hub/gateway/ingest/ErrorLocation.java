package jp.renkei.hub.gateway.ingest;

/**
 * Where in an input a problem is, as precisely as known: e.g. segment {@code OBX} number 3 (1-based, counting
 * every segment of the message), field 14, component 0 (whole field) → {@code OBX[3]-14}. A JAHIS record uses the
 * record number as {@code segment} and the CSV column as {@code field}. Zero means "not known / whole".
 */
public record ErrorLocation(String segment, int segmentIndex, int field, int component) {

    /** The whole input (file-level problems: name, encoding, layout). */
    public static final ErrorLocation WHOLE = new ErrorLocation(null, 0, 0, 0);

    public static ErrorLocation segment(String segment, int segmentIndex) {
        return new ErrorLocation(segment, segmentIndex, 0, 0);
    }

    public static ErrorLocation field(String segment, int segmentIndex, int field) {
        return new ErrorLocation(segment, segmentIndex, field, 0);
    }

    public ErrorLocation component(int component) {
        return new ErrorLocation(segment, segmentIndex, field, component);
    }

    public boolean isWhole() {
        return segment == null;
    }

    /** {@code OBX[3]-14}, {@code OBX[3]-6.1}, {@code MSH}; empty for the whole input. */
    @Override
    public String toString() {
        if (segment == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(segment);
        if (segmentIndex > 0) {
            text.append('[').append(segmentIndex).append(']');
        }
        if (field > 0) {
            text.append('-').append(field);
            if (component > 0) {
                text.append('.').append(component);
            }
        }
        return text.toString();
    }
}
