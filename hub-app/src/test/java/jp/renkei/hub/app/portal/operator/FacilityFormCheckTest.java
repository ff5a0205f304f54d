package jp.renkei.hub.app.portal.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jp.renkei.hub.core.facility.FacilityKind;
import org.junit.jupiter.api.Test;

/** The application form is judged by the domain's own rules, each wrong field with its own message key. */
class FacilityFormCheckTest {

    private static FacilityForm hospital(String code) {
        return new FacilityForm("HOSPITAL", code, "福島中央総合病院", "フクシマチュウオウソウゴウビョウイン", "960-8611",
                "福島県", "福島市", "大町1-1", "県北", "024-521-1111", "renkei@example.jp", "CT_01\nMR-02");
    }

    @Test
    void aValidFormIsTheApplication() {
        FacilityFormCheck.Result result = FacilityFormCheck.check(hospital(" 0710100017 "));
        assertThat(result.ok()).isTrue();
        assertThat(result.application().kind()).isEqualTo(FacilityKind.HOSPITAL);
        assertThat(result.application().medicalInstitutionCode().value()).isEqualTo("0710100017");
        assertThat(result.application().details().aeTitles()).extracting(Object::toString).containsExactly("CT_01", "MR-02");
        assertThat(result.application().details().contact().email()).isEqualTo("renkei@example.jp");
    }

    @Test
    void aMalformedCodeIsNamedPrecisely() {
        assertThat(problem(hospital("071010001"), "medicalInstitutionCode"))
                .isEqualTo(FacilityFormCheck.Problem.of("operator.error.code.length", 9));
        assertThat(problem(hospital("07101O0017"), "medicalInstitutionCode"))
                .isEqualTo(FacilityFormCheck.Problem.of("operator.error.code.digit", "O", 6));
        assertThat(problem(hospital("9910100017"), "medicalInstitutionCode"))
                .isEqualTo(FacilityFormCheck.Problem.of("operator.error.code.prefecture", "99"));
        assertThat(problem(hospital("0740100017"), "medicalInstitutionCode"))
                .isEqualTo(FacilityFormCheck.Problem.of("operator.error.code.feeSchedule", "operator.kind.HOSPITAL", "1", "4"));
        assertThat(problem(hospital(""), "medicalInstitutionCode"))
                .isEqualTo(FacilityFormCheck.Problem.of("operator.error.code.required", "operator.kind.HOSPITAL"));
        FacilityForm careFacility = new FacilityForm("CARE_FACILITY", "0710100017", "ケアホーム", "ケアホーム", "960-8611",
                "福島県", "福島市", "1", "県北", "024-521-1111", "", "");
        assertThat(problem(careFacility, "medicalInstitutionCode"))
                .isEqualTo(FacilityFormCheck.Problem.of("operator.error.code.forbidden", "operator.kind.CARE_FACILITY"));
    }

    @Test
    void everyWrongFieldIsReportedAtOnce() {
        FacilityForm form = new FacilityForm("", "", "", "ふくしま", "9608611", "福島県", "", "1", "県北", "12345",
                "not-mail", "ct 1 ,CT1,CT1");
        FacilityFormCheck.Result result = FacilityFormCheck.check(form);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).containsOnlyKeys("kind", "name", "nameKana", "postalCode", "city", "phone",
                "email", "aeTitles");
        assertThat(result.problems().get("name")).isEqualTo(FacilityFormCheck.Problem.of("operator.error.blank", "operator.field.name"));
        assertThat(result.problems().get("nameKana"))
                .isEqualTo(FacilityFormCheck.Problem.of("operator.error.format.nameKana", "ふ"));
        assertThat(result.problems().get("postalCode").key()).isEqualTo("operator.error.format.postalCode");
        assertThat(result.problems().get("phone").key()).isEqualTo("operator.error.format.phone");
        assertThat(result.problems().get("email").key()).isEqualTo("operator.error.format.email");
        assertThat(result.problems().get("aeTitles")).isEqualTo(FacilityFormCheck.Problem.of("operator.error.aeTitle", "ct 1"));
    }

    @Test
    void aTitleListedTwiceAndATooLongNameAreTheDomainsProblems() {
        FacilityForm twice = new FacilityForm("CLINIC", "0710100017", "名".repeat(201), "カナ", "960-8611", "福島県",
                "福島市", "1", "県北", "0245211111", "", "CT1, CT1");
        FacilityFormCheck.Result result = FacilityFormCheck.check(twice);
        assertThat(result.problems().get("name"))
                .isEqualTo(FacilityFormCheck.Problem.of("operator.error.tooLong", "operator.field.name", 200));
        assertThat(result.problems().get("aeTitles")).isEqualTo(FacilityFormCheck.Problem.of("operator.error.aeTitleTwice", "CT1"));
        assertThat(result.problems().keySet()).isEqualTo(java.util.Set.of("name", "aeTitles"));
    }

    private static FacilityFormCheck.Problem problem(FacilityForm form, String field) {
        FacilityFormCheck.Result result = FacilityFormCheck.check(form);
        assertThat(result.problems()).as(result.problems().toString()).containsOnlyKeys(List.of(field));
        return result.problems().get(field);
    }
}
