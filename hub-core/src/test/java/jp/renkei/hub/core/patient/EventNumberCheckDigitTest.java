package jp.renkei.hub.core.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import jp.renkei.hub.core.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check digit's promise, checked exhaustively per number: every single-digit substitution and every swap
 * of two different adjacent digits of a valid number is refused.
 */
class EventNumberCheckDigitTest {

    private static final int NUMBERS = 2_000;

    @Test
    void everySingleDigitSubstitutionIsRejected() {
        long checked = 0;
        for (int n = 0; n < NUMBERS; n++) {
            String valid = EventNumber.random().digits();
            for (int position = 0; position < EventNumber.LENGTH; position++) {
                for (char digit = '0'; digit <= '9'; digit++) {
                    if (digit == valid.charAt(position)) {
                        continue;
                    }
                    String mistyped = valid.substring(0, position) + digit + valid.substring(position + 1);
                    assertRejected(valid, mistyped);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo((long) NUMBERS * EventNumber.LENGTH * 9);
    }

    @Test
    void everyAdjacentTranspositionOfDifferentDigitsIsRejected() {
        long checked = 0;
        for (int n = 0; n < NUMBERS; n++) {
            String valid = EventNumber.random().digits();
            for (int position = 0; position < EventNumber.LENGTH - 1; position++) {
                char a = valid.charAt(position);
                char b = valid.charAt(position + 1);
                if (a == b) {
                    continue;
                }
                String swapped = valid.substring(0, position) + b + a + valid.substring(position + 2);
                assertRejected(valid, swapped);
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void randomNumbersAreValidSixteenDigitsWithoutLeadingZeroAndParseBack() {
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < NUMBERS; n++) {
            EventNumber number = EventNumber.random();
            assertThat(number.digits()).matches("[1-9][0-9]{15}");
            assertThat(EventNumber.parse(number.digits())).isEqualTo(number);
            seen.add(number.digits());
        }
        assertThat(seen).hasSize(NUMBERS);
    }

    @Test
    void groupedUngroupedAndSpacedFormsParseToTheSameNumber() {
        EventNumber number = EventNumber.random();
        String d = number.digits();
        String spaced = d.substring(0, 4) + " " + d.substring(4, 8) + " " + d.substring(8, 12) + " " + d.substring(12);
        String fullWidthSpaced = spaced.replace(' ', '\u3000');

        assertThat(number.formatted()).matches("\\d{4}-\\d{4}-\\d{4}-\\d{4}");
        assertThat(EventNumber.parse(number.formatted())).isEqualTo(number);
        assertThat(EventNumber.parse(d)).isEqualTo(number);
        assertThat(EventNumber.parse(spaced)).isEqualTo(number);
        assertThat(EventNumber.parse(fullWidthSpaced)).isEqualTo(number);
        assertThat(EventNumber.parse(" " + number.formatted() + " ")).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"48210937115O6628", "482109371150662", "48210937115066281", "0821093711506628", "", "abcd-efgh-ijkl-mnop"})
    void malformedNumbersAreRefusedWithTheFormatRule(String text) {
        assertThatThrownBy(() -> EventNumber.parse(text))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("must be 16 digits");
    }

    private static void assertRejected(String valid, String mistyped) {
        assertThatThrownBy(() -> EventNumber.parse(mistyped))
                .as("%s mistyped as %s", valid, mistyped)
                .isInstanceOf(ApiException.class);
    }
}
