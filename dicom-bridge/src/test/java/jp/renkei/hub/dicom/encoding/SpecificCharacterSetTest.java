package jp.renkei.hub.dicom.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SpecificCharacterSetTest {

    private static final String ESC = "\u001b";

    /** PS3.5 Annex H, example 1: Yamada^Tarou=山田^太郎=やまだ^たろう in ISO 2022 IR 87. */
    private static final byte[] ANNEX_H = ("Yamada^Tarou=" + ESC + "$B;3ED" + ESC + "(B^" + ESC + "$BB@O:" + ESC
            + "(B=" + ESC + "$B$d$^$@" + ESC + "(B^" + ESC + "$B$?$m$&" + ESC + "(B")
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void decodesTheStandardsJapaneseExampleIntoItsThreeGroups() {
        SpecificCharacterSet charset = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        String decoded = charset.decodeValues(ANNEX_H, Vr.PN).get(0);
        assertThat(decoded).isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
        PersonName name = PersonName.parse(decoded);
        assertThat(name.alphabetic().family()).isEqualTo("Yamada");
        assertThat(name.ideographic().family()).isEqualTo("山田");
        assertThat(name.ideographic().given()).isEqualTo("太郎");
        assertThat(name.phonetic().display()).isEqualTo("やまだ たろう");
        assertThat(name.toString()).isEqualTo(decoded);
    }

    @Test
    void encodesKanjiWithEscapeSequencesAndReturnsToAsciiBeforeDelimiters() {
        SpecificCharacterSet charset = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        byte[] encoded = charset.encode("Yamada^Tarou=山田^太郎=やまだ^たろう", Vr.PN);
        assertThat(new String(encoded, StandardCharsets.US_ASCII)).startsWith(new String(ANNEX_H,
                StandardCharsets.US_ASCII));
        assertThat(encoded.length % 2).isZero();
        assertThat(charset.decodeValues(encoded, Vr.PN)).containsExactly("Yamada^Tarou=山田^太郎=やまだ^たろう");
    }

    @Test
    void decodesHalfWidthKatakanaOfIr13() {
        SpecificCharacterSet charset = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");
        byte[] bytes = {(byte) 0xD4, (byte) 0xCF, (byte) 0xC0, (byte) 0xDE, '^', (byte) 0xC0, (byte) 0xDB, (byte) 0xB3};
        assertThat(charset.decodeValues(bytes, Vr.PN)).containsExactly("ﾔﾏﾀﾞ^ﾀﾛｳ");
    }

    @Test
    void utf8AndLatin1ArePlainCharsets() {
        assertThat(SpecificCharacterSet.of("ISO_IR 192").decodeValues("山田^花子".getBytes(StandardCharsets.UTF_8),
                Vr.PN)).containsExactly("山田^花子");
        assertThat(SpecificCharacterSet.of("ISO_IR 100").decodeValues(new byte[] {'M', (byte) 0xFC, 'l', 'l', 'e',
                'r'}, Vr.PN)).containsExactly("Müller");
    }

    @Test
    void textVrsOutsideTheCharsetRulesAreNotReinterpreted() {
        SpecificCharacterSet charset = SpecificCharacterSet.of("ISO_IR 192");
        assertThat(charset.decodeValues("1.2.3\0".getBytes(StandardCharsets.US_ASCII), Vr.UI)).containsExactly("1.2.3");
        assertThat(charset.decodeValues("A\\B ".getBytes(StandardCharsets.US_ASCII), Vr.CS)).containsExactly("A", "B");
    }
}
