package jp.renkei.hub.core.patient;

import java.util.regex.Pattern;

import jp.renkei.hub.core.web.ApiException;

/**
 * A facility's own patient ID as its systems write it. The character set is narrow on purpose: the ID ends
 * up in URLs and FHIR identifiers, where anything else would need escaping.
 */
public record LocalPatientId(String value) {

    public static final int MAX_LENGTH = 64;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_./-]{1," + MAX_LENGTH + "}");

    public LocalPatientId {
        if (value == null || value.isEmpty()) {
            throw ApiException.invalid("localPatientId", "is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw ApiException.invalid("localPatientId", "must be at most " + MAX_LENGTH + " characters, was "
                    + value.length());
        }
        if (!FORMAT.matcher(value).matches()) {
            throw ApiException.invalid("localPatientId", "may contain only letters A-Z/a-z, digits and - _ . /");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
