package jp.renkei.hub.core.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The values a facility's details are made of refuse what the registry must never store. */
class FacilityValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"A", "PACS", "CT-1 MAIN", "FKS_CHUO_PACS", "0123456789ABCDEF"})
    void aeTitlesOfUpperCaseLettersDigitsSpaceUnderscoreAndHyphen(String title) {
        assertThat(new AeTitle(title).value()).isEqualTo(title);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pacs", " PACS", "PACS ", "0123456789ABCDEFG", "PACS/1", "ＰＡＣＳ", "PACS\\1"})
    void malformedAeTitlesAreRefused(String title) {
        assertThatThrownBy(() -> new AeTitle(title)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AE title '" + title + "' " + AeTitle.RULE);
    }

    @Test
    void aFacilityListsEachAeTitleOnce() {
        assertThatThrownBy(() -> FacilityFixtures.details("名称", "県北", "PACS", "CT", "PACS"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("aeTitles lists 'PACS' twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"フクシマ", "ケアプランセンター　ミライ", "ヴィラ", "ヵヶ"})
    void kanaNamesOfFullWidthKatakanaLongVowelAndSpace(String kana) {
        assertThat(withKana(kana).nameKana()).isEqualTo(kana);
    }

    @Test
    void kanaNamesNameTheFirstCharacterThatIsNotFullWidthKatakana() {
        assertThat(List.of("ﾌｸｼﾏ", "ふくしま", "福島", "フクシマ ビョウイン", "フクシマ・ビョウイン", "Fukushima"))
                .allSatisfy(kana -> assertThatThrownBy(() -> withKana(kana))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("nameKana " + FacilityDetails.KANA_RULE + "; '")
                        .hasMessageEndingWith("' is not"));
        assertThatThrownBy(() -> withKana("フクシマ・ビョウイン")).hasMessageContaining("'・' is not");
        assertThatThrownBy(() -> withKana("　")).hasMessage("nameKana must not be blank");
    }

    @Test
    void namesAreRequiredAndAtMost200Characters() {
        assertThat(withName("𠮷".repeat(200)).name()).hasSize(400); // 200 characters outside the BMP
        assertThatThrownBy(() -> withName("名".repeat(201))).hasMessage("name must be at most 200 characters");
        assertThatThrownBy(() -> withName(" ")).hasMessage("name must not be blank");
        assertThatThrownBy(() -> withName(null)).hasMessage("name must not be blank");
    }

    @Test
    void postalCodesAreThreeDigitsHyphenFourDigits() {
        assertThat(new PostalAddress("960-8001", "福島県", "福島市", "大町1-1").postalCode()).isEqualTo("960-8001");
        assertThat(List.of("9608001", "960-800", "９６０-８００１", "960–8001")).allSatisfy(code ->
                assertThatThrownBy(() -> new PostalAddress(code, "福島県", "福島市", "大町1-1"))
                        .hasMessage("address.postalCode " + PostalAddress.POSTAL_CODE_RULE + ": '" + code + "'")
                        .isInstanceOfSatisfying(InvalidFacilityField.class, e -> {
                            assertThat(e.field()).isEqualTo("address.postalCode");
                            assertThat(e.problem()).startsWith(PostalAddress.POSTAL_CODE_RULE);
                        }));
    }

    @Test
    void phoneNumbersHaveTenOrElevenDigits() {
        assertThat(List.of("024-521-1111", "0242-27-1234", "090-1234-5678", "0245211111", "0120-123-456"))
                .allSatisfy(phone -> assertThat(new FacilityContact(phone, null).phone()).isEqualTo(phone));
        assertThat(List.of("024-521-111", "0900-1234-56789", "24-521-1111", "+81-24-521-1111", "024 521 1111"))
                .allSatisfy(phone -> assertThatThrownBy(() -> new FacilityContact(phone, null))
                        .hasMessageStartingWith("contact.phone " + FacilityContact.PHONE_RULE));
        assertThatThrownBy(() -> new FacilityContact("024-521-1111", "office.example.jp"))
                .hasMessageStartingWith("contact.email " + FacilityContact.EMAIL_RULE);
    }

    private static FacilityDetails withKana(String kana) {
        FacilityDetails valid = FacilityFixtures.details("名称", "県北");
        return new FacilityDetails(valid.name(), kana, valid.address(), valid.region(), valid.contact(), valid.aeTitles());
    }

    private static FacilityDetails withName(String name) {
        FacilityDetails valid = FacilityFixtures.details("名称", "県北");
        return new FacilityDetails(name, valid.nameKana(), valid.address(), valid.region(), valid.contact(),
                valid.aeTitles());
    }
}
