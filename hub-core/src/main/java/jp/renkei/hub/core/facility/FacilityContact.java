package jp.renkei.hub.core.facility;

/** How the network reaches a facility's office: a phone number and, optionally, an e-mail address. */
public record FacilityContact(String phone, String email) {

    /** 10 digits for fixed lines, 11 for mobile and IP phones; hyphens between the groups or none. */
    public static final String PHONE_PATTERN =
            "(?=([^0-9]*[0-9]){10,11}[^0-9]*$)(0[0-9]{9,10}|0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4})";
    public static final String PHONE_RULE = "must be a Japanese phone number of 10 or 11 digits, e.g. 024-521-1111";
    public static final int PHONE_MAX = 20;
    public static final String EMAIL_PATTERN = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    public static final String EMAIL_RULE = "must be an e-mail address";
    public static final int EMAIL_MAX = 254;

    public FacilityContact {
        Checks.required("contact.phone", phone, PHONE_MAX);
        Checks.matches("contact.phone", phone, PHONE_PATTERN, PHONE_RULE);
        Checks.optional("contact.email", email, EMAIL_MAX);
        Checks.matches("contact.email", email, EMAIL_PATTERN, EMAIL_RULE);
    }
}
