package jp.renkei.hub.gateway.ss2;

import static org.assertj.core.api.Assertions.assertThat;


import jp.renkei.hub.gateway.hl7.Hl7Parser;
import jp.renkei.hub.gateway.hl7.Iso2022Jp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pushed message (no file name) says its SS-MIX2 data type, order and cancellation itself. */
class Hl7MessageIdentifyTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "999/901/9999013/20111220/OMG-01/9999013_20111220_OMG-01_000201101200100_20111220224447339_-_1, OMG-01, 000201101200100",
            "999/901/9999013/20111220/OMG-02/9999013_20111220_OMG-02_201212201252100_20111220224447339_01_1, OMG-02, 201212201252100",
            "999/901/9999013/20111220/OMG-03/9999013_20111220_OMG-03_201112200089100_20111220224447339_01_1, OMG-03, 201112200089100",
            "999/901/9999013/20111220/OMG-11/9999013_20111220_OMG-11_2011122000300_20111220224447339_24_1, OMG-11, 2011122000300",
            "999/901/9999013/20111220/OMG-12/9999013_20111220_OMG-12_201112201656100_20111220224447339_01_1, OMG-12, 201112191656100",
            "999/901/9999013/20111220/OMG-13/9999013_20111220_OMG-13_999999999999999_20111220224447339_01_1, OMG-13, 2011122000089100",
            "999/901/9999013/20111220/OML-01/9999013_20111220_OML-01_000000011000354_20111220103059123_15_1, OML-01, 000000011000354",
            "999/901/9999013/20111220/ADT-42/9999013_20111220_ADT-42_999999999999999_20111220224447339_10_1, ADT-42, 999999999999999",
            "999/901/9999013/20111013/OMD/9999013_20111013_OMD_123456789012345_20111014232213000_01_1, OMD, 123456789012345",
    })
    void samples(String relative, String dataType, String order) throws Exception {
        Ss2Input input = identify(Ss2Samples.read(Ss2Samples.ROOT.resolve(relative)));

        assertThat(input.dataType()).isEqualTo(dataType);
        assertThat(input.orderNumber()).isEqualTo(order);
        assertThat(input.cancelled()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"T02, false", "T10, false", "T11, true"})
    void documentsByTheirUniqueNumber(String trigger, boolean cancelled) throws Exception {
        byte[] raw = Ss2Samples.read(Ss2Samples.OWN.resolve(Ss2CorpusTest.DISCHARGE_SUMMARY));
        String text = Iso2022Jp.decode(raw).replace("MDM^T02^MDM_T02", "MDM^" + trigger + "^MDM_T02");
        Ss2Input input = identify(Iso2022Jp.encode(text));

        assertThat(input.dataType()).isEqualTo("MDM");
        assertThat(input.orderNumber()).isEqualTo("DS2024021500001");
        assertThat(input.cancelled()).isEqualTo(cancelled);
        assertThat(Ss2Mappers.of("MDM")).isPresent();
    }

    private static Ss2Input identify(byte[] raw) throws Exception {
        return Hl7MessageIngest.identify("facility", Hl7Parser.parse(Iso2022Jp.decode(raw)));
    }
}
