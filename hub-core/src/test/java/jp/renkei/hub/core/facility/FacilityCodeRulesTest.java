package jp.renkei.hub.core.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The medical-institution code: its structure, and which code each kind of facility must, may or must not have. */
class FacilityCodeRulesTest {

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(nullValues = "none", value = {
            "HOSPITAL, 0710100017",
            "CLINIC, 1310000011",
            "DENTAL_CLINIC, 0130000019",
            "PHARMACY, 4740300015",
            "VISITING_NURSE_STATION, 0760000011",
            "VISITING_NURSE_STATION, none",
            "CARE_MANAGEMENT_OFFICE, none",
            "CARE_FACILITY, none",
            "LAB_CENTER, none",
            "MUNICIPALITY, none",
            "HUB_OPERATOR, none"})
    void acceptedCodes(FacilityKind kind, String code) {
        MedicalInstitutionCode value = code == null ? null : new MedicalInstitutionCode(code);

        assertThat(kind.codeProblem(value)).isEmpty();
        assertThat(new FacilityApplication(kind, value, FacilityFixtures.details("名称", "県北")).medicalInstitutionCode())
                .isEqualTo(value);
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(delimiter = '|', value = {
            "0010100017  | prefecture '00' is not between 01 and 47",
            "4810100017  | prefecture '48' is not between 01 and 47",
            "071010001   | must be 10 digits, got 9 characters",
            "07101000170 | must be 10 digits, got 11 characters",
            "07101O0017  | must be 10 digits; 'O' at position 6 is not an ASCII digit",
            "０710100017  | must be 10 digits; '０' at position 1 is not an ASCII digit",
            "0710-10001  | must be 10 digits; '-' at position 5 is not an ASCII digit"})
    void malformedCodesAreRefusedWithWhatIsWrong(String code, String message) {
        assertThatThrownBy(() -> new MedicalInstitutionCode(code))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @CsvSource(nullValues = "none", delimiter = '|', value = {
            "HOSPITAL               | none       | a hospital must have a medical-institution code",
            "CLINIC                 | none       | a clinic must have a medical-institution code",
            "DENTAL_CLINIC          | none       | a dental clinic must have a medical-institution code",
            "PHARMACY               | none       | a pharmacy must have a medical-institution code",
            "PHARMACY               | 0710100017 | a pharmacy's code has fee-schedule digit 4, not 1",
            "HOSPITAL               | 0740300015 | a hospital's code has fee-schedule digit 1, not 4",
            "CLINIC                 | 0730000015 | a clinic's code has fee-schedule digit 1, not 3",
            "DENTAL_CLINIC          | 0710100017 | a dental clinic's code has fee-schedule digit 3, not 1",
            "VISITING_NURSE_STATION | 0710100017 | a visiting-nurse station's code has fee-schedule digit 6, not 1",
            "CARE_MANAGEMENT_OFFICE | 0770400012 | a care-management office must not have a medical-institution code",
            "CARE_FACILITY          | 0710100017 | a care facility must not have a medical-institution code",
            "MUNICIPALITY           | 0710100017 | a municipality must not have a medical-institution code",
            "HUB_OPERATOR           | 0710100017 | the hub operator must not have a medical-institution code"})
    void codesThatDoNotFitTheKindAreRefused(FacilityKind kind, String code, String message) {
        MedicalInstitutionCode value = code == null ? null : new MedicalInstitutionCode(code);

        assertThat(kind.codeProblem(value)).contains(message);
        assertThatThrownBy(() -> new FacilityApplication(kind, value, FacilityFixtures.details("名称", "県北")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void aCodeIsPrefectureFeeScheduleTypeAndInstitutionNumber() {
        MedicalInstitutionCode code = new MedicalInstitutionCode("0740300015");

        assertThat(code.prefecture()).isEqualTo("07");
        assertThat(code.feeScheduleType()).isEqualTo('4');
        assertThat(code.institutionNumber()).isEqualTo("0300015");
    }
}
