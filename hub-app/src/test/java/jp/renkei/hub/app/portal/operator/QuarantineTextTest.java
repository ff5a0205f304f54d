package jp.renkei.hub.app.portal.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import jp.renkei.hub.gateway.ingest.SourceRef;
import jp.renkei.hub.gateway.jahis.JahisImport;
import org.junit.jupiter.api.Test;

/** A quarantined input as text in its declared character set, or hex; known reasons in Japanese. */
class QuarantineTextTest {

    @Test
    void anHl7MessageDeclaringIsoIr87IsDecodedAsIso2022JpOneSegmentPerLine() {
        byte[] raw = Iso2022Jp.encode("MSH|^~\\&|HIS|SEND|GW|RCV|20111399||OUL^R22|1|P|2.5||||||~ISO IR87||ISO2022-1994\r"
                + "PID|0001||1^^^^PI||患者^太郎\r\u001c");
        QuarantineText.Raw text = QuarantineText.raw(SourceRef.HL7_MESSAGE, raw);
        assertThat(text.decoded()).isTrue();
        assertThat(text.charset()).isEqualTo("ISO-2022-JP (MSH-18 ISO IR87)");
        assertThat(text.text()).isEqualTo("MSH|^~\\&|HIS|SEND|GW|RCV|20111399||OUL^R22|1|P|2.5||||||~ISO IR87||ISO2022-1994\n"
                + "PID|0001||1^^^^PI||患者^太郎\n<1C>");
    }

    @Test
    void bytesThatAreNotTheDeclaredSetAreShownInHex() {
        QuarantineText.Raw text = QuarantineText.raw(SourceRef.SS2_FILE, new byte[] {(byte) 0xFB, 0x41});
        assertThat(text.decoded()).isFalse();
        assertThat(text.text()).startsWith("00000000  FB 41 ").endsWith(" .A\n");
    }

    @Test
    void jahisFilesAreUtf8OrShiftJis() {
        assertThat(QuarantineText.raw(JahisImport.SOURCE_KIND, "JAHISTC08,1\r\n1,患者".getBytes(java.nio.charset.Charset.forName("windows-31j"))))
                .isEqualTo(new QuarantineText.Raw("Shift_JIS (CP932)", true, "JAHISTC08,1\n1,患者"));
        assertThat(QuarantineText.raw(JahisImport.SOURCE_KIND, "JAHISTC08,1\n1,患者".getBytes(StandardCharsets.UTF_8)).charset())
                .isEqualTo("UTF-8");
    }

    @Test
    void theGatewaysKnownReasonsHaveKeysAndArguments() {
        assertThat(QuarantineText.reason("bad date/time '20111399103059': Invalid date"))
                .contains(new QuarantineText.Reason("operator.quarantine.reason.badDate", List.of("20111399103059")));
        assertThat(QuarantineText.reason("not ISO-2022-JP: 8-bit byte 0xFB at offset 0 (ISO-2022-JP is 7-bit; ...)"))
                .contains(new QuarantineText.Reason("operator.quarantine.reason.eightBit", List.of("FB", "0")));
        assertThat(QuarantineText.reason("something nobody words the same way")).isEmpty();
    }
}
