package jp.renkei.hub.regional.directory;

import jp.renkei.hub.core.facility.FacilityContact;

/**
 * How another facility's referral desk reaches this one's (地域連携室, 相談窓口): the desk's name, phone, and
 * optionally fax, e-mail and a contact person. Phone and e-mail follow the registry's rules for a facility's
 * contact.
 */
public record ReferralDesk(String name, String phone, String fax, String email, String person) {

    public static final int TEXT_MAX = 100;

    public ReferralDesk {
        Problems problems = new Problems();
        name = trimmed(name);
        phone = trimmed(phone);
        fax = trimmed(fax);
        email = trimmed(email);
        person = trimmed(person);
        if (name == null || name.length() > TEXT_MAX) {
            problems.add("desk.name", "窓口の名称（例: 地域医療連携室）を " + TEXT_MAX + " 文字以内で入力してください");
        }
        if (phone == null || !phone.matches(FacilityContact.PHONE_PATTERN)) {
            problems.add("desk.phone", "窓口の電話番号は10桁または11桁の番号で入力してください（例: 024-521-1111）");
        }
        if (fax != null && !fax.matches(FacilityContact.PHONE_PATTERN)) {
            problems.add("desk.fax", "FAX 番号は10桁または11桁の番号で入力してください（例: 024-521-1112）");
        }
        if (email != null && (email.length() > FacilityContact.EMAIL_MAX || !email.matches(FacilityContact.EMAIL_PATTERN))) {
            problems.add("desk.email", "窓口のメールアドレスの形式が正しくありません");
        }
        if (person != null && person.length() > TEXT_MAX) {
            problems.add("desk.person", "担当者名は " + TEXT_MAX + " 文字以内で入力してください");
        }
        problems.throwIfAny();
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
