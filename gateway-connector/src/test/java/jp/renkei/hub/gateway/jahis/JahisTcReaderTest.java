package jp.renkei.hub.gateway.jahis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import jp.renkei.hub.gateway.jahis.TcDocument.Dispensing;
import jp.renkei.hub.gateway.jahis.TcDocument.Drug;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JahisTcReaderTest {

    private final JahisTcReader reader = new JahisTcReader();

    @Test
    void readsAFullVersion08FileWithItsPatientDispensingAndRp() {
        TcDocument document = reader.read(JahisFixtures.utf8("tc-supported-records-full.txt"));

        assertThat(document.version()).isEqualTo(8);
        assertThat(document.outputCategory()).isEqualTo(TcDocument.OutputCategory.FACILITY);
        assertThat(document.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(document.lineEnding()).isEqualTo(TcText.LineEnding.LF);
        assertThat(document.patient().name()).isEqualTo("山田 太郎");
        assertThat(document.patient().nameKana()).isEqualTo("ヤマダ タロウ");
        assertThat(document.patient().sex()).isEqualTo("1");
        assertThat(document.patient().birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
        Dispensing dispensing = document.dispensings().get(0);
        assertThat(dispensing.date()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(dispensing.pharmacy().name()).isEqualTo("株式会社 工業会薬局 駅前店");
        assertThat(dispensing.pharmacy().medicalInstitutionCode()).contains("1341234567");
        assertThat(dispensing.pharmacist().name()).isEqualTo("工業会 次郎");
        assertThat(dispensing.prescribingFacility().medicalInstitutionCode()).contains("1317654321");
        assertThat(dispensing.prescriber().name()).isEqualTo("工業会 太郎");
        assertThat(dispensing.prescriber().department()).isEqualTo("内科");
        assertThat(dispensing.notes()).extracting(n -> n.type().number() + ":" + n.text()).containsExactly(
                "401:他の薬との併用に注意", "411:粉砕して交付", "421:残薬は5錠", "501:正しい飲み方は薬袋を参照");
        TcDocument.Rp rp = dispensing.rps().get(0);
        assertThat(rp.number()).isEqualTo("1");
        assertThat(rp.notes()).extracting(TcDocument.Note::text).containsExactly("透析日は休薬", "眠気に注意");
        assertThat(rp.usage().text()).isEqualTo("毎食後服用");
        assertThat(rp.usage().quantity()).isEqualByComparingTo("3");
        assertThat(rp.usage().inDays()).isTrue();
        Drug drug = rp.drugs().get(0);
        assertThat(drug.line()).isEqualTo(12);
        assertThat(drug.order()).isEqualTo(1);
        assertThat(drug.name()).isEqualTo("ノルバスク錠２．５ｍｇ");
        assertThat(drug.dose()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(drug.unit()).isEqualTo("錠");
        assertThat(drug.codeType()).isEqualTo(DrugCodeType.RECEIPT);
        assertThat(drug.code()).isEqualTo("612170709");
        assertThat(drug.notes()).extracting(TcDocument.Note::text).containsExactly("朝1錠、夕2錠",
                "グレープフルーツジュースを避ける");
        assertThat(document.specialNotes()).extracting(n -> n.kind() + ":" + n.text() + ":" + n.creator())
                .containsExactly("ALLERGY:アレルギー歴あり:MEDICAL");
        TcDocument.OtcDrug otc = document.otcDrugs().get(0);
        assertThat(otc.name()).isEqualTo("イブA錠");
        assertThat(otc.start()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(otc.end()).isEqualTo(LocalDate.of(2026, 3, 7));
        assertThat(otc.jan()).isEqualTo("4987107609229");
        assertThat(otc.ingredients()).extracting(i -> i.name() + "|" + i.code()).containsExactly("イブプロフェン|123456");
        assertThat(document.entries()).extracting(e -> e.type().number() + ":" + e.text() + ":" + e.date() + ":"
                + e.creator()).containsExactly("4:食後に体調を記録してください:2026-03-10:MEDICAL",
                "601:昼に眠くなった:2026-03-11:PATIENT");
        // every line accounted for: the primary pharmacist is the only record not mapped
        assertThat(document.lines()).hasSize(24).extracting(TcLine::line)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 24).boxed().toList());
        assertThat(document.lines()).filteredOn(l -> l.outcome() != TcLine.Outcome.IMPORTED)
                .extracting(l -> l.line() + " " + l.record() + " " + l.outcome())
                .containsExactly("23 701 (primary pharmacist) NOT_MAPPED");
        assertThat(document.split()).hasValueSatisfying(split -> {
            assertThat(split.dataId()).isEqualTo("12345678901234");
            assertThat(split.total()).isEqualTo(2);
            assertThat(split.partsPresent()).containsExactly(1);
            assertThat(split.complete()).isFalse();
        });
    }

    @Test
    void cp932WithCrlfReadsTheSameAsUtf8WithLf() {
        byte[] shiftJis = JahisFixtures.cp932Crlf("tc-multi-dispensing.txt");
        assertThat(new String(shiftJis, StandardCharsets.ISO_8859_1)).contains("\r\n");

        TcDocument fromShiftJis = reader.read(shiftJis);
        TcDocument fromUtf8 = reader.read(JahisFixtures.utf8("tc-multi-dispensing.txt"));

        assertThat(fromShiftJis.charset()).isEqualTo(TcText.CP932);
        assertThat(fromShiftJis.lineEnding()).isEqualTo(TcText.LineEnding.CRLF);
        assertThat(fromShiftJis.patient()).isEqualTo(fromUtf8.patient());
        assertThat(fromShiftJis.dispensings()).isEqualTo(fromUtf8.dispensings());
        assertThat(fromShiftJis.dispensings()).hasSize(2);
        assertThat(fromShiftJis.dispensings().get(1).pharmacy().name()).isEqualTo("株式会社 工業会薬局 南店");
        assertThat(fromShiftJis.dispensings().get(1).rps().get(0).usage().quantity()).isEqualByComparingTo("14");
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() {
        byte[] text = JahisFixtures.utf8("tc-multi-dispensing.txt");
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);

        TcDocument document = reader.read(withBom);

        assertThat(document.version()).isEqualTo(8);
        assertThat(document.patient().name()).isEqualTo("山田 太郎");
    }

    @Test
    void eraDatesInAVersion07FileAreConverted() {
        String text = JahisFixtures.withHeader("tc-output-category-2-full.txt", "JAHISTC07,2");

        TcDocument document = reader.read(JahisFixtures.encode(text, TcText.CP932, "\r\n"));

        assertThat(document.version()).isEqualTo(7);
        assertThat(document.outputCategory()).isEqualTo(TcDocument.OutputCategory.PATIENT);
        assertThat(document.patient().birthDate()).isEqualTo(LocalDate.of(1958, 3, 3));
        assertThat(document.dispensings().get(0).date()).isEqualTo(LocalDate.of(2020, 4, 10));
        assertThat(document.dispensings().get(0).pharmacy().medicalInstitutionCode()).isEmpty();
    }

    @Test
    void splitPartsInOneUploadAreReassembledInPartOrder() {
        String part1 = JahisFixtures.text("tc-supported-records-full.txt").replace("911,12345678901234,2,1",
                "911,99999999999999,2,1");
        String part2 = JahisFixtures.text("tc-split-output-part-2.txt").replace("911,12345678901234,3,2",
                "911,99999999999999,2,2").replace("5,20260310,1", "5,20260311,1");
        // part 2 first: the reader orders the parts by their part number
        byte[] upload = (part2 + "\n" + part1).getBytes(StandardCharsets.UTF_8);

        TcDocument document = reader.read(upload);

        assertThat(document.split()).hasValueSatisfying(split -> {
            assertThat(split.partsPresent()).containsExactly(1, 2);
            assertThat(split.complete()).isTrue();
        });
        assertThat(document.dispensings()).extracting(Dispensing::date)
                .containsExactly(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11));
    }

    @Test
    void aSplitPartMissingItsContextListsWhatItCannotPlace() {
        String part = "JAHISTC08,1\n1,山田 太郎,1,19800101\n201,1,ノルバスク錠２．５ｍｇ,1,錠,2,612170709,1\n"
                + "911,12345678901234,3,3\n";

        TcDocument document = reader.read(part.getBytes(StandardCharsets.UTF_8));

        assertThat(document.dispensings()).isEmpty();
        assertThat(document.split()).hasValueSatisfying(split -> assertThat(split.describe())
                .isEqualTo("split output 12345678901234 has 3 parts; this upload holds part [3]"));
        assertThat(document.lines()).extracting(l -> l.line() + " " + l.outcome() + " " + l.detail()).containsExactly(
                "1 IMPORTED version 08, output category 1 (written by a facility)",
                "2 IMPORTED Patient (name, kana name, sex, birth date; address, phones, blood type and weight are the"
                        + " pharmacy's own record's to keep)",
                "3 NOT_MAPPED line 3, record 201 (drug): comes before any dispensing-date record 5; it belongs to a"
                        + " dispensing, and without one it has no date",
                "4 IMPORTED split control: part 3 of 3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "empty-input.txt | file: empty input (0 bytes); a TC file starts with the header JAHISTCnn",
            "invalid-header.txt | line 1: header 'NOT_JAHIS' is not a JAHIS e-medication-notebook header"
                    + " (expected JAHISTCnn,<output category>)",
    })
    void refusesFixturesItCannotImportWithThePreciseReason(String fixture, String message) {
        for (byte[] bytes : new byte[][] {JahisFixtures.utf8(fixture), JahisFixtures.cp932Crlf(fixture)}) {
            assertThatThrownBy(() -> reader.read(bytes))
                    .isInstanceOf(JahisFormatException.class)
                    .hasMessageStartingWith(message);
        }
    }

    /** Fixtures named invalid whose structure is readable: imported, the faulty line named in the report. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tc-invalid-missing-drug-code.txt | 4 | WARNED | line 4, record 201 (drug), field 6 (drug code): empty,"
                    + " but code type 2 (receipt code) requires a code; the drug is imported by its name only",
            "tc-invalid-missing-otc-sequence-parent.txt | 3 | NOT_MAPPED | line 3, record 31 (OTC drug ingredient),"
                    + " field 1 (OTC drug number): refers to OTC drug 1, but no OTC drug record 3 precedes it",
    })
    void invalidFixturesWithAReadableStructureNameTheirFaultyLine(String fixture, int line, TcLine.Outcome outcome,
                                                                 String detail) {
        for (byte[] bytes : new byte[][] {JahisFixtures.utf8(fixture), JahisFixtures.cp932Crlf(fixture)}) {
            TcLine faulty = reader.read(bytes).lines().get(line - 1);
            assertThat(faulty.outcome()).isEqualTo(outcome);
            assertThat(faulty.detail()).endsWith(detail);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tc-minimal-valid.txt | 1 | 1980-01-01",
            "tc-output-category-2-full.txt | 12 | 1958-03-03",
    })
    void readsEveryVersionByOneLayout(String fixture, int version, LocalDate birthDate) {
        TcDocument document = reader.read(JahisFixtures.cp932Crlf(fixture));

        assertThat(document.version()).isEqualTo(version);
        assertThat(document.patient().birthDate()).isEqualTo(birthDate);
        assertThat(document.dispensings()).isNotEmpty();
        assertThat(JahisTcReader.isNewerThanKnown(version)).isEqualTo(version > 8);
    }

    @Test
    void versionZeroIsRefusedByName() {
        String text = JahisFixtures.withHeader("tc-minimal-valid.txt", "JAHISTC00,1");

        assertThatThrownBy(() -> reader.read(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JahisFormatException.class)
                .hasMessage("line 1: JAHIS TC version 00 does not exist (the first version is 01)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // what is replaced | by | the expected message: the patient and the dating of a dispensing are strict
            "1,山田 太郎,1,19800101 | 1,山田 太郎,1,H310501 | line 2, record 1 (patient), field 3 (birth date): 'H310501' is not a date of the Heisei era",
            "1,山田 太郎,1,19800101 | 1,山田 太郎,9,19800101 | line 2, record 1 (patient), field 2 (sex): '9' is not 1 (male) or 2 (female)",
            "5,20260310,1 | 5,,1 | line 3, record 5 (dispensing date), field 1 (dispensing date): empty, but required",
    })
    void whatAttributesOrDatesTheDataIsStrict(String original, String broken, String message) {
        String text = JahisFixtures.text("tc-split-output-part-2.txt").replace(original, broken);
        assertThat(text).contains(broken);

        assertThatThrownBy(() -> reader.read(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JahisFormatException.class)
                .hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // what is replaced | by | the line | its outcome | its detail ends with
            "201,1,ノルバスク錠２．５ｍｇ,1,錠,2,612170709,1 | 201,1,ノルバスク錠２．５ｍｇ,1,錠,4,612170709,1 | 8 | WARNED | line 8, record 201 (drug), field 6 (drug code): '612170709' is not a 4 (YJ code): expected 12 characters (digits and capital letters); the drug is imported by its name only",
            "201,1,ノルバスク錠２．５ｍｇ,1,錠,2,612170709,1 | 201,1,ノルバスク錠２．５ｍｇ,1,錠,5,612170709,1 | 8 | WARNED | line 8, record 201 (drug), field 5 (code type): '5' is not a drug code type (1 none, 2 receipt, 3 MHLW, 4 YJ, 6 HOT); the drug is imported by its name only",
            "201,1,ノルバスク錠２．５ｍｇ,1,錠,2,612170709,1 | 201,1,ノルバスク錠２．５ｍｇ,abc,錠,2,612170709,1 | 8 | WARNED | line 8, record 201 (drug), field 3 (dose): 'abc' is not a number; the drug is imported without its amount",
            "301,1,毎食後服用,3,日分,1,1,,1 | 301,2,毎食後服用,3,日分,1,1,,1 | 9 | NOT_MAPPED | line 9, record 301 (usage), field 1 (Rp number): refers to Rp 2, which has no drug record 201 before it in the dispensing of line 3",
            "11,株式会社 工業会薬局 駅前店,13,4,1234567 | 11,株式会社 工業会薬局 駅前店,13,4,12345 | 4 | WARNED | line 4, record 11 (pharmacy), field 4 (institution number): '12345' where 7 digits are expected (the medical-institution code is given whole or not at all); the facility is kept by its name",
            "JAHISTC08,1 | JAHISTC08,3 | 1 | WARNED | line 1, record header, field 1 (output category): '3' is not 1 (facility) or 2 (patient); the records are read all the same",
            "401,他の薬との併用に注意,1 | 999,他の薬との併用に注意,1 | 10 | NOT_MAPPED | unknown record number '999' (not a record of JAHIS TC versions 01 to 08): not mapped",
            "401,他の薬との併用に注意,1 | 401,,1 | 10 | NOT_MAPPED | line 10, record 401 (dispensing caution), field 1 (text): empty, but required",
            "401,他の薬との併用に注意,1 | 55,別 医師,外科,1 | 10 | WARNED | line 10, record 55 (prescriber): a second prescriber in the dispensing of line 3 (the first on line 7); JAHIS lets it name the prescriber of the Rps after it, the hub keeps one per dispensing: no doctor is named on this dispensing's drugs, the prescribing facility is",
    })
    void aFaultyLineIsNamedPreciselyAndTheRestIsRead(String original, String broken, int line, TcLine.Outcome outcome,
                                                    String detail) {
        String text = JahisFixtures.text("tc-split-output-part-2.txt").replace(original, broken);
        assertThat(text).contains(broken);

        TcDocument document = reader.read(text.getBytes(StandardCharsets.UTF_8));

        TcLine faulty = document.lines().get(line - 1);
        assertThat(faulty.line()).isEqualTo(line);
        assertThat(faulty.outcome()).isEqualTo(outcome);
        assertThat(faulty.detail()).endsWith(detail);
        assertThat(document.lines()).hasSize(11).filteredOn(l -> l.line() != line)
                .allMatch(l -> l.outcome() == TcLine.Outcome.IMPORTED
                        || line == 9 && l.line() == 8 && l.outcome() == TcLine.Outcome.WARNED);
        assertThat(document.dispensings()).hasSize(1);
        if (broken.startsWith("55,")) {
            assertThat(document.dispensings().get(0).prescriber()).isNull();
            assertThat(document.dispensings().get(0).prescribingFacility()).isNotNull();
        }
    }

    @Test
    void bytesThatAreNeitherUtf8NorCp932AreRefusedWithTheirLine() {
        byte[] bytes = "JAHISTC08,1\n1,山田 太郎,1,19800101\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, broken, 0, bytes.length);
        broken[bytes.length] = (byte) 0x85; // a CP932 lead byte …
        broken[bytes.length + 1] = (byte) 0x20; // … followed by a byte no CP932 character has

        assertThatThrownBy(() -> reader.read(broken))
                .isInstanceOf(JahisFormatException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("neither valid UTF-8 nor valid Shift_JIS (CP932)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n", "\r"})
    void everyLineEndingGivesTheSameDocument(String lineEnding) {
        TcDocument document = reader.read(JahisFixtures.encode(JahisFixtures.text("tc-multi-dispensing.txt"),
                StandardCharsets.UTF_8, lineEnding));

        assertThat(document.dispensings()).hasSize(2);
        assertThat(document.dispensings().get(1).rps().get(0).drugs().get(0).line()).isEqualTo(16);
    }
}
