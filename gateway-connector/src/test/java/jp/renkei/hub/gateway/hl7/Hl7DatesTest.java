package jp.renkei.hub.gateway.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import jp.renkei.hub.gateway.ingest.ErrorLocation;
import jp.renkei.hub.gateway.ingest.IngestFailure;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DTM and TM forms real SS-MIX2 storages write, and what FHIR gets from each. */
class Hl7DatesTest {

    private static final ErrorLocation MSH7 = ErrorLocation.field("MSH", 1, 7);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', value = {
            // value; FHIR dateTime; precision
            "2011; 2011; YEAR",
            "201112; 2011-12; MONTH",
            "20111220; 2011-12-20; DAY",
            "2011122010; 2011-12-20T10:00:00+09:00; SECOND",
            "201112201030; 2011-12-20T10:30:00+09:00; SECOND",
            "20111220103059; 2011-12-20T10:30:59+09:00; SECOND",
            "20111220103059.1; 2011-12-20T10:30:59.100+09:00; MILLI",
            "20111220103059.12; 2011-12-20T10:30:59.120+09:00; MILLI",
            "20111220103059.123; 2011-12-20T10:30:59.123+09:00; MILLI",
            "20111220103059.1234; 2011-12-20T10:30:59.123+09:00; MILLI",
            "20111220103059123; 2011-12-20T10:30:59.123+09:00; MILLI",
            "201112201030591; 2011-12-20T10:30:59.100+09:00; MILLI",
            "2011122010305912; 2011-12-20T10:30:59.120+09:00; MILLI",
            "201112201030591234; 2011-12-20T10:30:59.123+09:00; MILLI",
            "20111220103059+0900; 2011-12-20T10:30:59+09:00; SECOND",
            "20111220103059.123+0900; 2011-12-20T10:30:59.123+09:00; MILLI",
            "20111220103059123+0000; 2011-12-20T10:30:59.123+00:00; MILLI",
            "201112201030-0500; 2011-12-20T10:30:00-05:00; SECOND",
            "20111220+0900; 2011-12-20; DAY",
    })
    void dateTimeKeepsPrecisionAndZone(String value, String fhir, TemporalPrecisionEnum precision) throws Exception {
        DateTimeType type = Hl7Dates.dateTime(value, MSH7).orElseThrow();

        assertThat(type.getValueAsString()).isEqualTo(fhir);
        assertThat(type.getPrecision()).isEqualTo(precision);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', value = {
            "20111220103059123; 2011-12-20T10:30:59.123",
            "20111220103059.3399; 2011-12-20T10:30:59.339",
            "20111220; 2011-12-20T00:00",
            "20111220103059+0000; 2011-12-20T10:30:59",
    })
    void localForVersions(String value, String local) throws Exception {
        assertThat(Hl7Dates.local(value, MSH7)).isEqualTo(LocalDateTime.parse(local));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', value = {
            "08; 08:00:00",
            "0830; 08:30:00",
            "083015; 08:30:15",
            "083015.5; 08:30:15.500",
            "083015.1234; 08:30:15.123",
            "083015123; 08:30:15.123",
            "083015+0900; 08:30:15",
    })
    void timeOfDay(String value, String fhir) throws Exception {
        assertThat(Hl7Dates.time(value, MSH7).orElseThrow().getValueAsString()).isEqualTo(fhir);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', value = {
            "20111399; Invalid value for MonthOfYear",
            "20110231; Invalid date 'FEBRUARY 31'",
            "2011122024; Invalid value for HourOfDay",
            "20111220106000; Invalid value for MinuteOfHour",
            "20111220103059+1500; UTC offset +1500 out of range",
            "20111220103059+0960; UTC offset +0960 out of range",
            "201112201; a fraction of a second needs the seconds before it",
            "2011122010305912345; not HL7 DTM",
            "2011-12-20; not HL7 DTM",
            "20111220 1030; not HL7 DTM",
            "201; not HL7 DTM",
    })
    void refusedWithTheField(String value, String why) {
        assertThatThrownBy(() -> Hl7Dates.dateTime(value, MSH7))
                .isInstanceOfSatisfying(IngestFailure.class, failure -> assertThat(failure.describe())
                        .startsWith("MSH[1]-7: bad date/time '" + value + "': ").contains(why));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2500", "0860", "083060", "08301", "8"})
    void badTimesRefused(String value) {
        assertThatThrownBy(() -> Hl7Dates.time(value, MSH7)).isInstanceOfSatisfying(IngestFailure.class,
                failure -> assertThat(failure.describe()).startsWith("MSH[1]-7: bad date/time '" + value + "'"));
    }
}
