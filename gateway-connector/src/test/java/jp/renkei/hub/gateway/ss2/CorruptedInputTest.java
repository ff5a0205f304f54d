package jp.renkei.hub.gateway.ss2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.Arrays;

import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import org.junit.jupiter.api.Test;

/** Corrupted SS-MIX2 files are refused with the exact reason and place, and nothing is mapped from them. */
class CorruptedInputTest {

    private static final String LAB = "999/901/9999013/20111220/OML-11/"
            + "9999013_20111220_OML-11_000000011000354_20111220103059000_01_1";

    private static String sample() {
        return Iso2022JpText.decoded(Ss2Samples.read(Ss2Samples.ROOT.resolve(LAB)));
    }

    @Test
    void truncatedInsideKanji() {
        byte[] raw = Ss2Samples.read(Ss2Samples.ROOT.resolve(LAB));
        int cut = indexOf(raw, new byte[] {0x1B, '$', 'B'}) + 5;
        assertRefused(Arrays.copyOf(raw, cut), "not complete ISO-2022-JP: the text ends inside a JIS X 0208 run"
                + " without returning to ASCII (truncated?)");
    }

    @Test
    void truncatedBeforeTheResults() {
        String text = sample();
        String cut = text.substring(0, text.indexOf("OBR|"));
        assertRefused(Iso2022Jp.encode(cut), "MSH[1]: the lab result message has no OBR");
    }

    @Test
    void wrongEncoding() {
        byte[] shiftJis = sample().getBytes(Charset.forName("windows-31j"));
        assertRefused(shiftJis, "not ISO-2022-JP: 8-bit byte 0x8A at offset 199 (ISO-2022-JP is 7-bit; Shift_JIS,"
                + " UTF-8 or binary content?)");
    }

    @Test
    void missingMsh() {
        String text = sample();
        assertRefused(Iso2022Jp.encode(text.substring(text.indexOf("PID|"))),
                "PID[1]: the message does not start with an MSH segment (it starts with 'PID|0001||0001000052…')");
    }

    @Test
    void badDates() {
        String text = sample().replace("|F|||201112191500", "|F|||20111399");
        assertRefused(Iso2022Jp.encode(text), "OBX[7]-14: bad date/time '20111399': ");
        assertRefused(Iso2022Jp.encode(sample().replace("|20111220103059.0000|", "|20110231103059.0000|")),
                "MSH[1]-7: bad date/time '20110231103059.0000': ");
    }

    @Test
    void notANumber() {
        assertRefused(Iso2022Jp.encode(sample().replace("||7.2|", "||7,2|")), "OBX[8]-5: '7,2' is not a number");
    }

    private static void assertRefused(byte[] raw, String reasonStart) {
        Ss2Samples.Mapped mapped = Ss2Samples.map(LAB, raw);
        assertThat(mapped.failure()).as("refused").isNotNull();
        assertThat(mapped.failure().describe()).startsWith(reasonStart);
        assertThat(mapped.resources()).isEmpty();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    /** Decoding the sample (known good) without a checked exception. */
    private static final class Iso2022JpText {
        static String decoded(byte[] raw) {
            try {
                return Iso2022Jp.decode(raw);
            } catch (jp.renkei.hub.gateway.ingest.IngestFailure e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
