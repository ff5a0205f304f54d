package jp.renkei.hub.dicom.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Truncated, mislengthed and garbled input ends in a DicomFormatException: no other failure, no huge allocation. */
class CorruptInputTest {

    private static void readOrReject(byte[] bytes, boolean explicit) {
        try {
            new DicomReader(new ByteArrayInputStream(bytes), explicit, 1 << 20).readDataSet();
        } catch (DicomFormatException expected) {
            // clean rejection
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError("input of " + bytes.length + " bytes failed with " + e, e);
        }
    }

    @Test
    void everyTruncationIsReadOrRejectedCleanly() {
        for (boolean explicit : new boolean[] {true, false}) {
            byte[] whole = DicomWriter.encode(DicomCodecTest.sample(true), explicit);
            for (int length = 0; length < whole.length; length++) {
                readOrReject(Arrays.copyOf(whole, length), explicit);
            }
        }
    }

    @Test
    void truncationInsideAValueIsRejected() {
        byte[] whole = DicomWriter.encode(DicomCodecTest.sample(false), true);
        assertThatThrownBy(() -> new DicomReader(new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 2)),
                true, Long.MAX_VALUE).readDataSet()).isInstanceOf(DicomFormatException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void randomCorruptionIsReadOrRejectedCleanly() {
        Random random = new Random(20260401);
        for (boolean explicit : new boolean[] {true, false}) {
            byte[] whole = DicomWriter.encode(DicomCodecTest.sample(true), explicit);
            for (int round = 0; round < 3000; round++) {
                byte[] mutated = whole.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                readOrReject(mutated, explicit);
            }
        }
    }

    @Test
    void aForgedHugeLengthIsRejectedWithoutAllocatingIt() {
        // (0010,0010) UT with length 0xFFFFFFF0 and three bytes of value.
        byte[] bytes = {0x10, 0x00, 0x10, 0x00, 'U', 'T', 0, 0, (byte) 0xF0, -1, -1, -1, 'a', 'b', 'c'};
        assertThatThrownBy(() -> new DicomReader(new ByteArrayInputStream(bytes), true, Long.MAX_VALUE).readDataSet())
                .isInstanceOf(DicomFormatException.class);
    }

    @Test
    void anUnknownVrIsRejectedNamingTheTag() {
        byte[] bytes = {0x10, 0x00, 0x20, 0x00, 'Z', 'Z', 2, 0, 'A', 'B'};
        assertThatThrownBy(() -> new DicomReader(new ByteArrayInputStream(bytes), true, Long.MAX_VALUE).readDataSet())
                .isInstanceOf(DicomFormatException.class).hasMessageContaining("bad VR 'ZZ' of (0010,0020)");
    }

    @Test
    void anItemLongerThanItsSequenceIsRejected() {
        // (0008,1140) SQ length 8 holding an item that claims 100 bytes.
        byte[] bytes = {0x08, 0x00, 0x40, 0x11, 'S', 'Q', 0, 0, 8, 0, 0, 0, -2, -1, 0, -32, 100, 0, 0, 0};
        assertThatThrownBy(() -> new DicomReader(new ByteArrayInputStream(bytes), true, Long.MAX_VALUE).readDataSet())
                .isInstanceOf(DicomFormatException.class).hasMessageContaining("runs past");
    }

    @Test
    void absurdNestingIsRejectedBeforeTheStackRunsOut() {
        DataSet deepest = new DataSet().setStrings(Tag.PATIENT_ID, Vr.LO, "X");
        for (int i = 0; i < 100; i++) {
            deepest = new DataSet().setItems(Tag.of(0x0008, 0x1140), true, java.util.List.of(deepest));
        }
        byte[] bytes = DicomWriter.encode(deepest, true);
        assertThatThrownBy(() -> new DicomReader(new ByteArrayInputStream(bytes), true, Long.MAX_VALUE).readDataSet())
                .isInstanceOf(DicomFormatException.class).hasMessageContaining("nested");
    }

    @Test
    void elementsOutOfOrderAreRejected() {
        byte[] bytes = DicomWriter.encode(new DataSet().setStrings(Tag.PATIENT_ID, Vr.LO, "AB"), true);
        byte[] twice = new byte[bytes.length * 2];
        System.arraycopy(bytes, 0, twice, 0, bytes.length);
        System.arraycopy(bytes, 0, twice, bytes.length, bytes.length);
        assertThatThrownBy(() -> new DicomReader(new ByteArrayInputStream(twice), true, Long.MAX_VALUE).readDataSet())
                .isInstanceOf(DicomFormatException.class).hasMessageContaining("ascending order");
        assertThat(bytes.length).isEqualTo(10);
    }
}
