package jp.renkei.hub.core.facility;

/**
 * Where a facility is, in Japanese order: postal code, prefecture (e.g. 福島県), city (e.g. 郡山市) and the
 * rest of the address.
 */
public record PostalAddress(String postalCode, String prefecture, String city, String line) {

    public static final String POSTAL_CODE_PATTERN = "[0-9]{3}-[0-9]{4}";
    public static final String POSTAL_CODE_RULE = "must be a postal code of the form NNN-NNNN";
    public static final int PREFECTURE_MAX = 10;
    public static final int CITY_MAX = 100;
    public static final int LINE_MAX = 200;

    public PostalAddress {
        Checks.required("address.postalCode", postalCode, 8);
        Checks.matches("address.postalCode", postalCode, POSTAL_CODE_PATTERN, POSTAL_CODE_RULE);
        Checks.required("address.prefecture", prefecture, PREFECTURE_MAX);
        Checks.required("address.city", city, CITY_MAX);
        Checks.required("address.line", line, LINE_MAX);
    }
}
