package jp.renkei.hub.gateway.jahis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JapaneseEraDateTest {

    @ParameterizedTest
    @CsvSource({
            "S330303, 1958-03-03",
            "19800101, 1980-01-01",
            "20240229, 2024-02-29",
            "M450729, 1912-07-29",   // last day of Meiji
            "T010730, 1912-07-30",   // first day of Taisho
            "T151224, 1926-12-24",
            "S011225, 1926-12-25",
            "S640107, 1989-01-07",   // last day of Showa
            "H010108, 1989-01-08",
            "H310101, 2019-01-01",   // H31 is 2019
            "H310430, 2019-04-30",   // last day of Heisei
            "R010501, 2019-05-01",   // R1 is 2019 too
            "R020406, 2020-04-06",
            "R080310, 2026-03-10",
            "H120229, 2000-02-29",
            " R010501 , 2019-05-01",
    })
    void readsGregorianAndEraDates(String text, LocalDate expected) {
        assertThat(JapaneseEraDate.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "H310501 | 'H310501' is not a date of the Heisei era, which began 1989-01-08 and ended 2019-04-30",
            "R010430 | 'R010430' is not a date of the Reiwa era, which began 2019-05-01",
            "S640108 | 'S640108' is not a date of the Showa era, which began 1926-12-25 and ended 1989-01-07",
            "H010107 | 'H010107' is not a date of the Heisei era",
            "T010729 | 'T010729' is not a date of the Taisho era, which began 1912-07-30 and ended 1926-12-24",
            "M050101 | 'M050101' is not a date of the Meiji era, which is supported from 1873-01-01 (Meiji 6)",
            "X010101 | unknown era letter X",
            "H000101 | year 00",
            "H110229 | 'H110229' is not a calendar date (Heisei 11 = 1999, month 2, day 29)",
            "S331303 | is not a calendar date",
            "20230229 | '20230229' is not a calendar date (yyyyMMdd)",
            "2023-02-01 | is neither yyyyMMdd nor an era date",
            "H31 | is neither yyyyMMdd nor an era date",
            "s330303 | is neither yyyyMMdd nor an era date",
            "'' | empty",
    })
    void refusesWithAPreciseReason(String text, String reason) {
        assertThatThrownBy(() -> JapaneseEraDate.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
