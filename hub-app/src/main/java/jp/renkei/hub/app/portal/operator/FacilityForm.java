package jp.renkei.hub.app.portal.operator;

/**
 * The application form as typed: every field text, blank when left empty. {@code aeTitles} is one title per line
 * (or separated by commas).
 */
public record FacilityForm(String kind, String medicalInstitutionCode, String name, String nameKana, String postalCode,
                           String prefecture, String city, String line, String region, String phone, String email,
                           String aeTitles) {

    public FacilityForm {
        kind = text(kind);
        medicalInstitutionCode = text(medicalInstitutionCode);
        name = text(name);
        nameKana = text(nameKana);
        postalCode = text(postalCode);
        prefecture = text(prefecture);
        city = text(city);
        line = text(line);
        region = text(region);
        phone = text(phone);
        email = text(email);
        aeTitles = text(aeTitles);
    }

    static FacilityForm empty() {
        return new FacilityForm("", "", "", "", "", "", "", "", "", "", "", "");
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
