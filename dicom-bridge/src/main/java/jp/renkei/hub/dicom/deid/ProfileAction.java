package jp.renkei.hub.dicom.deid;

/**
 * The actions of PS3.15 Table E.1-1a, including the combined codes whose choice depends on the attribute's type
 * in the IOD. The hub does not carry every IOD's attribute types, so each combined code resolves to the
 * alternative that keeps any IOD valid (the standard allows the "less removing" alternative whenever it is
 * needed for conformance): see {@link Deidentifier}.
 */
public enum ProfileAction {
    /** Replace with a non-zero-length dummy value consistent with the VR. */
    D,
    /** Replace with a zero-length value. */
    Z,
    /** Remove. */
    X,
    /** Keep. */
    K,
    /** Clean: replace with values of similar meaning known not to identify (used here for date shifting). */
    C,
    /** Replace with a non-zero-length UID, consistently within the set of instances. */
    U,
    /** Z unless D is required for conformance (Type 2 versus Type 1). */
    Z_D,
    /** X unless Z is required (Type 3 versus Type 2). */
    X_Z,
    /** X unless D is required (Type 3 versus Type 1). */
    X_D,
    /** X unless Z or D is required. */
    X_Z_D,
    /** X unless Z, or replacement of the UIDs the sequence contains, is required. */
    X_Z_U;

    /** The action written as in the standard's table ({@code X/Z/U*}, {@code Z/D}, ...). */
    public static ProfileAction parse(String code) {
        String normalized = code.strip().replace("*", "").replace('/', '_');
        try {
            return valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown PS3.15 action '" + code + "'", e);
        }
    }

    boolean allowsDummy() {
        return this == D || this == Z_D || this == X_D || this == X_Z_D;
    }

    boolean allowsEmpty() {
        return this == Z || this == Z_D || this == X_Z || this == X_Z_D || this == X_Z_U;
    }
}
