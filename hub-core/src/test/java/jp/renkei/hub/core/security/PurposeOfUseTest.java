package jp.renkei.hub.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PurposeOfUseTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void noPurposeMeansTreatment(String header) {
        assertThat(PurposeOfUse.parse(header)).isEqualTo(PurposeOfUse.TREAT);
    }

    @ParameterizedTest
    @EnumSource(PurposeOfUse.class)
    void everyCodeIsAcceptedAsHl7WritesIt(PurposeOfUse purpose) {
        assertThat(PurposeOfUse.parse(purpose.name())).isEqualTo(purpose);
        assertThat(PurposeOfUse.parse(" " + purpose.name() + " ")).isEqualTo(purpose);
        assertThat(purpose.label()).isNotBlank();
    }

    @Test
    void theAcceptedCodesAreTheSixTheHubKnows() {
        assertThat(PurposeOfUse.values()).extracting(Enum::name)
                .containsExactly("TREAT", "ETREAT", "HOPERAT", "PATRQT", "PUBHLTH", "HRESCH");
        assertThat(PurposeOfUse.ETREAT.label()).isEqualTo("救急診療");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MARKETING", "treat", "TREAT,ETREAT", "http://terminology.hl7.org/CodeSystem/v3-ActReason|TREAT"})
    void anUnknownCodeIsRefusedNamingTheAcceptedOnes(String header) {
        assertThatThrownBy(() -> PurposeOfUse.parse(header))
                .isInstanceOf(UnknownPurposeOfUseException.class)
                .hasMessageStartingWith("Unknown purpose of use '")
                .hasMessageContaining("X-Purpose-Of-Use")
                .hasMessageContaining("TREAT (診療), ETREAT (救急診療), HOPERAT (医療機関の運営業務), PATRQT (患者本人の求め),"
                        + " PUBHLTH (公衆衛生), HRESCH (医学研究)");
    }

    @Test
    void aLongUnknownValueIsNotRepeatedInFull() {
        String header = "X".repeat(500);

        assertThatThrownBy(() -> PurposeOfUse.parse(header))
                .hasMessageContaining("'" + "X".repeat(40) + "…'")
                .hasMessageNotContaining("X".repeat(41));
    }
}
