package jp.renkei.hub.dicom.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DicomCodecTest {

    /** A data set with every structure the codec knows: text, binary, nested sequences of both lengths. */
    static DataSet sample(boolean undefinedLengths) {
        DataSet inner = new DataSet().setStrings(Tag.of(0x0008, 0x0100), Vr.SH, "T-04000")
                .setStrings(Tag.of(0x0008, 0x0104), Vr.LO, "Chest");
        DataSet item = new DataSet().setStrings(Tag.of(0x0008, 0x1150), Vr.UI, "1.2.840.10008.5.1.4.1.1.7")
                .setItems(Tag.of(0x0008, 0x2218), !undefinedLengths, List.of(inner));
        DataSet set = new DataSet();
        set.setStrings(Tag.SPECIFIC_CHARACTER_SET, Vr.CS, "ISO_IR 192");
        set.setStrings(Tag.SOP_CLASS_UID, Vr.UI, "1.2.840.10008.5.1.4.1.1.7");
        set.setStrings(Tag.STUDY_DATE, Vr.DA, "20260401");
        set.setItems(Tag.of(0x0008, 0x1140), undefinedLengths, List.of(item, new DataSet()));
        set.setStrings(Tag.PATIENT_NAME, Vr.PN, "山田^太郎");
        set.setStrings(Tag.PATIENT_ID, Vr.LO, "P1");
        set.setInt(Tag.ROWS, Vr.US, 512);
        set.setBytes(Tag.PIXEL_DATA, Vr.OW, new byte[] {1, 2, 3, 4});
        return set;
    }

    static DataSet read(byte[] bytes, boolean explicit) throws IOException {
        return new DicomReader(new ByteArrayInputStream(bytes), explicit, Long.MAX_VALUE).readDataSet();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void explicitVrRoundTripsWithDefinedAndUndefinedLengths(boolean undefined) throws IOException {
        DataSet sample = sample(undefined);
        byte[] bytes = DicomWriter.encode(sample, true);
        DataSet back = read(bytes, true);
        assertThat(back.sameAs(sample)).as(back.toString()).isTrue();
        assertThat(DicomWriter.encode(back, true)).isEqualTo(bytes);
        assertThat(back.items(Tag.of(0x0008, 0x1140))).hasSize(2);
        assertThat(back.items(Tag.of(0x0008, 0x1140)).get(0).items(Tag.of(0x0008, 0x2218)).get(0)
                .string(Tag.of(0x0008, 0x0104))).contains("Chest");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void implicitVrRoundTripsUsingTheDictionary(boolean undefined) throws IOException {
        DataSet sample = sample(undefined);
        byte[] bytes = DicomWriter.encode(sample, false);
        DataSet back = read(bytes, false);
        assertThat(back.sameAs(sample)).as(back.toString()).isTrue();
        assertThat(back.string(Tag.PATIENT_NAME)).contains("山田^太郎");
        assertThat(back.integer(Tag.ROWS)).contains(512);
    }

    @Test
    void definedLengthsAreComputedExactly() throws IOException {
        DataSet sample = sample(false);
        byte[] explicit = DicomWriter.encode(sample, true);
        assertThat(new DicomWriter(new java.io.ByteArrayOutputStream(), true).length(sample)).isEqualTo(explicit.length);
        byte[] implicit = DicomWriter.encode(sample, false);
        assertThat(new DicomWriter(new java.io.ByteArrayOutputStream(), false).length(sample)).isEqualTo(implicit.length);
    }

    @Test
    void oddLengthsArePaddedWithTheVrsPaddingByte() throws IOException {
        DataSet set = new DataSet().setStrings(Tag.SOP_INSTANCE_UID, Vr.UI, "1.2.3")
                .setStrings(Tag.PATIENT_ID, Vr.LO, "ABC").setBytes(Tag.PIXEL_DATA, Vr.OB, new byte[] {9, 8, 7});
        DataSet back = read(DicomWriter.encode(set, true), true);
        assertThat(back.bytes(Tag.SOP_INSTANCE_UID).orElseThrow()).containsExactly('1', '.', '2', '.', '3', 0);
        assertThat(back.bytes(Tag.PATIENT_ID).orElseThrow()).containsExactly('A', 'B', 'C', ' ');
        assertThat(back.bytes(Tag.PIXEL_DATA).orElseThrow()).containsExactly(9, 8, 7, 0);
        assertThat(back.string(Tag.SOP_INSTANCE_UID)).contains("1.2.3");
        assertThat(back.string(Tag.PATIENT_ID)).contains("ABC");
    }

    @Test
    void oddLengthValuesFromOtherWritersAreRead() throws IOException {
        // (0010,0020) LO length 3 "ABC", no padding: not conformant, but readable.
        byte[] bytes = {0x10, 0x00, 0x20, 0x00, 'L', 'O', 3, 0, 'A', 'B', 'C'};
        assertThat(read(bytes, true).string(Tag.PATIENT_ID)).contains("ABC");
    }

    @Test
    void encapsulatedPixelDataKeepsItsFragmentsUntouched() throws IOException {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9, 0};
        DataSet set = new DataSet().setStrings(Tag.SOP_INSTANCE_UID, Vr.UI, "1.2.3");
        set.put(new Element(Tag.PIXEL_DATA, Vr.OB, new Value.Fragments(List.of(new byte[0], jpeg))));
        byte[] bytes = DicomWriter.encode(set, true);
        DataSet back = read(bytes, true);
        Value.Fragments fragments = (Value.Fragments) back.get(Tag.PIXEL_DATA).orElseThrow().value();
        assertThat(fragments.fragments()).hasSize(2);
        assertThat(fragments.fragments().get(1)).isEqualTo(jpeg);
        assertThat(DicomWriter.encode(back, true)).isEqualTo(bytes);
    }

    @Test
    void bulkDataBeyondTheThresholdIsSkippedNotKept() throws IOException {
        DataSet set = new DataSet().setStrings(Tag.SOP_INSTANCE_UID, Vr.UI, "1.2.3")
                .setBytes(Tag.PIXEL_DATA, Vr.OW, new byte[10_000]);
        DataSet back = new DicomReader(new ByteArrayInputStream(DicomWriter.encode(set, true)), true, 1024)
                .readDataSet();
        assertThat(back.get(Tag.PIXEL_DATA).orElseThrow().value()).isEqualTo(new Value.Skipped(10_000));
        assertThat(back.string(Tag.SOP_INSTANCE_UID)).contains("1.2.3");
    }

    @Test
    void anUndefinedLengthUnknownElementInImplicitVrIsReadAsASequence() throws IOException {
        // Private (0009,0010) with undefined length, one empty item, in implicit VR: a sequence (PS3.5 6.2.2).
        byte[] bytes = {0x09, 0x00, 0x10, 0x00, -1, -1, -1, -1,
                -2, -1, 0x00, -32, -1, -1, -1, -1, -2, -1, 0x0D, -32, 0, 0, 0, 0,
                -2, -1, -35, -32, 0, 0, 0, 0};
        DataSet back = read(bytes, false);
        assertThat(back.items(Tag.of(0x0009, 0x0010))).hasSize(1);
    }

    @Test
    void theDictionaryIsTheGeneratedStandardOne() {
        ElementDictionary dictionary = ElementDictionary.standard();
        assertThat(dictionary.size()).isGreaterThan(4000);
        assertThat(dictionary.vrOf(Tag.PATIENT_NAME)).isEqualTo(Vr.PN);
        assertThat(dictionary.keywordOf(Tag.STUDY_INSTANCE_UID)).isEqualTo("StudyInstanceUID");
        assertThat(dictionary.vrOf(Tag.of(0x6002, 0x0010))).as("repeating overlay group").isEqualTo(Vr.US);
        assertThat(dictionary.vrOf(Tag.of(0x0019, 0x1001))).as("private tag").isEqualTo(Vr.UN);
        assertThat(dictionary.vrOf(Tag.of(0x0010, 0x0000))).as("group length").isEqualTo(Vr.UL);
    }
}
