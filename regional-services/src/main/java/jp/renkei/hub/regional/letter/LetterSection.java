package jp.renkei.hub.regional.letter;

/**
 * The narrative sections of a referral letter, as the JP-CLINS eReferral Composition names them (code system
 * {@value #SYSTEM}); the first three are required by the profile.
 */
public enum LetterSection {
    PURPOSE("950", "紹介目的", true),
    DIAGNOSES("340", "傷病名・主訴", true),
    PRESENT_ILLNESS("360", "現病歴", true),
    PAST_ILLNESS("370", "既往歴", false),
    MEDICATIONS("430", "投薬指示", false),
    ALLERGIES("510", "アレルギー・不耐性反応", false),
    REMARKS("220", "備考・連絡情報", false);

    public static final String SYSTEM = "http://jpfhir.jp/fhir/clins/CodeSystem/document-section";
    /** The longest text one section may hold. */
    public static final int MAX_LENGTH = 4000;

    private final String code;
    private final String title;
    private final boolean required;

    LetterSection(String code, String title, boolean required) {
        this.code = code;
        this.title = title;
        this.required = required;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public boolean required() {
        return required;
    }
}
